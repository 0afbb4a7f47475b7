"use server";
// Thin server actions: validate (zod), identify (the session), call the domain, return a code.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getSessionUser } from "../auth/session";
import { AppError, type ActionResult } from "../errors";
import { getRoomService } from "../realtime/registry";
import type { Actor } from "./access";
import { openGameNow, startWeakTopicsGame, startWeakTopicsPractice } from "./live";
import {
  archiveGroup, createAssignment, createGroup, deleteAssignment, joinGroup, leaveGroup, removeMember, resetSeason, rotateJoinCode,
  setCoTeacher, setJoinEnabled, startAssignment, transferOwnership, updateAssignment,
} from "./mutations";
import { markNotificationsRead } from "./notifications";
import {
  assignmentRefSchema, codeEnabledSchema, coTeacherSchema, createAssignmentSchema, createGroupSchema, groupRefSchema, joinGroupSchema,
  memberRefSchema, notificationRefSchema, updateAssignmentSchema, weakTopicsGameSchema,
} from "./schema";

async function actor(): Promise<Actor> {
  const user = await getSessionUser();
  return user ? { kind: "user", id: user.id, role: user.role } : null;
}

async function run<T>(work: () => Promise<T>, paths: string[] = []): Promise<ActionResult<T>> {
  try {
    const data = await work();
    for (const path of paths) revalidatePath(path);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
    throw error;
  }
}

function fieldErrors(error: { issues: { path: PropertyKey[]; message: string }[] }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[issue.path.length - 1] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export async function createGroupAction(input: unknown): Promise<ActionResult<{ groupId: string }>> {
  const parsed = createGroupSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrors(parsed.error) };
  return run(async () => createGroup(await actor(), parsed.data, new Date()), ["/groups"]);
}

export async function joinGroupAction(input: unknown): Promise<ActionResult<{ groupId: string; joined: boolean }>> {
  const parsed = joinGroupSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => joinGroup(await actor(), parsed.data.code, new Date()), ["/groups"]);
}

export async function leaveGroupAction(input: unknown): Promise<ActionResult> {
  const parsed = groupRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await leaveGroup(await actor(), parsed.data.groupId); return undefined; }, ["/groups"]);
}

export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  const parsed = memberRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await removeMember(await actor(), parsed.data.groupId, parsed.data.userId); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function rotateCodeAction(input: unknown): Promise<ActionResult<{ joinCode: string }>> {
  const parsed = groupRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => rotateJoinCode(await actor(), parsed.data.groupId), [`/groups/${parsed.data.groupId}`]);
}

export async function setCodeEnabledAction(input: unknown): Promise<ActionResult> {
  const parsed = codeEnabledSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await setJoinEnabled(await actor(), parsed.data.groupId, parsed.data.enabled); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function setCoTeacherAction(input: unknown): Promise<ActionResult> {
  const parsed = coTeacherSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await setCoTeacher(await actor(), parsed.data.groupId, parsed.data.userId, parsed.data.coTeacher); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function transferOwnershipAction(input: unknown): Promise<ActionResult> {
  const parsed = memberRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await transferOwnership(await actor(), parsed.data.groupId, parsed.data.userId); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function archiveGroupAction(input: unknown): Promise<ActionResult> {
  const parsed = groupRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await archiveGroup(await actor(), parsed.data.groupId, new Date()); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function resetSeasonAction(input: unknown): Promise<ActionResult> {
  const parsed = groupRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await resetSeason(await actor(), parsed.data.groupId, new Date()); return undefined; }, [`/groups/${parsed.data.groupId}`]);
}

export async function createAssignmentAction(input: unknown): Promise<ActionResult<{ assignmentId: string }>> {
  const parsed = createAssignmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrors(parsed.error) };
  return run(async () => createAssignment(await actor(), parsed.data.groupId, parsed.data.assignment, new Date()), [`/groups/${parsed.data.groupId}`]);
}

export async function updateAssignmentAction(input: unknown): Promise<ActionResult> {
  const parsed = updateAssignmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input", fieldErrors: fieldErrors(parsed.error) };
  return run(async () => { await updateAssignment(await actor(), parsed.data.assignmentId, parsed.data.assignment, new Date()); return undefined; });
}

export async function deleteAssignmentAction(input: unknown): Promise<ActionResult> {
  const parsed = assignmentRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => { await deleteAssignment(await actor(), parsed.data.assignmentId); return undefined; });
}

/** Starts (or resumes) an assignment and opens its exam or practice screen. */
export async function startAssignmentAction(formData: FormData): Promise<void> {
  const parsed = assignmentRefSchema.safeParse({ assignmentId: formData.get("assignmentId") });
  const back = groupRefSchema.safeParse({ groupId: formData.get("groupId") });
  if (!parsed.success) redirect("/dashboard");
  let target: string;
  try {
    const started = await startAssignment(await actor(), parsed.data.assignmentId, new Date());
    target = started.kind === "exam" ? `/exams/${started.attemptId}` : `/practice/${started.attemptId}`;
  } catch (error) {
    if (error instanceof AppError) redirect(back.success ? `/groups/${back.data.groupId}?error=${error.code}` : `/dashboard`);
    throw error;
  }
  redirect(target);
}

export async function openGameNowAction(input: unknown): Promise<ActionResult<{ code: string }>> {
  const parsed = assignmentRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => openGameNow(await actor(), getRoomService(), parsed.data.assignmentId, new Date()));
}

export async function weakTopicsGameAction(input: unknown): Promise<ActionResult<{ code: string }>> {
  const parsed = weakTopicsGameSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => startWeakTopicsGame(await actor(), getRoomService(), parsed.data, new Date()));
}

export async function weakTopicsPracticeAction(input: unknown): Promise<ActionResult<{ attemptId: string }>> {
  const parsed = weakTopicsGameSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => startWeakTopicsPractice(await actor(), parsed.data, new Date()));
}

export async function markNotificationsReadAction(input: unknown): Promise<ActionResult<number>> {
  const parsed = notificationRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  return run(async () => markNotificationsRead(await actor(), parsed.data.notificationId, new Date()), ["/notifications"]);
}
