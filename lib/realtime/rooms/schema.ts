// Zod schemas for every room event a client can send. Sizes are bounded everywhere, and
// z.object strips unknown keys, so `__proto__`, `playerId` or `isHost` in a payload never
// reach the service.
import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const bankSlug = z.string().regex(/^[a-z0-9-]{1,80}$/);
const topicIds = z.array(id).max(100).optional();

export const createRoomSchema = z.object({
  bankSlug,
  topicIds,
  questionCount: z.number().int().min(1).max(100),
  secondsPerQuestion: z.number().int().min(5).max(120),
  speedScoring: z.boolean(),
  hostPlays: z.boolean(),
  /** Seats including the host (default 5,000). */
  maxSeats: z.number().int().min(2).max(20_000).optional(),
});

export const joinRoomSchema = z.object({ code: z.string().min(1).max(16) });

export const roomRefSchema = z.object({ roomId: id });

export const answerSchema = z.object({
  roomId: id,
  round: z.number().int().min(0).max(1000),
  // Choice keys; at most 26 choices per question.
  choiceIds: z.array(z.string().min(1).max(64)).min(1).max(26),
});

export const duelSchema = z.object({ bankSlug, topicIds });

/** Events without a payload (`duel:cancel`). */
export const noPayloadSchema = z.union([z.undefined(), z.null(), z.object({})]);

export type CreateRoomInput = z.infer<typeof createRoomSchema>;
export type DuelInput = z.infer<typeof duelSchema>;
