import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

export const createGroupSchema = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.enum(["CLASS", "STUDY_GROUP"]),
  timeZone: z.string().min(1).max(64),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const joinGroupSchema = z.object({ code: z.string().min(1).max(20) });
export const groupRefSchema = z.object({ groupId: id });
export const memberRefSchema = z.object({ groupId: id, userId: id });
export const codeEnabledSchema = z.object({ groupId: id, enabled: z.boolean() });
export const coTeacherSchema = z.object({ groupId: id, userId: id, coTeacher: z.boolean() });
export const assignmentRefSchema = z.object({ assignmentId: id });

/** Open and due dates are wall-clock times in the group's zone ("2026-11-21T23:59"). */
export const assignmentSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/),
    topicIds: z.array(id).max(100).default([]),
    mode: z.enum(["PRACTICE", "TIMED", "LIVE"]),
    size: z.coerce.number().int().min(1).max(100).default(10),
    examFormat: z.enum(["full", "short"]).default("short"),
    secondsPerQuestion: z.coerce.number().int().min(5).max(120).default(20),
    openAt: localDateTime,
    // A live game has no due time of its own: it is due an hour after it opens.
    dueAt: localDateTime.optional(),
    latePolicy: z.enum(["REFUSE", "ACCEPT_LATE"]).default("REFUSE"),
  })
  .refine((a) => a.mode === "LIVE" || a.dueAt !== undefined, { message: "dueAt is required", path: ["dueAt"] });
export type AssignmentInput = z.infer<typeof assignmentSchema>;

export const createAssignmentSchema = z.object({ groupId: id, assignment: assignmentSchema });
export const updateAssignmentSchema = z.object({ assignmentId: id, assignment: assignmentSchema });

export const weakTopicsGameSchema = z.object({ groupId: id, bankSlug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
export const notificationRefSchema = z.object({ notificationId: id.optional() });
