// Validation of what a room is created from (config, questions, player identity), and the
// seeded preparation of the question list. Zod objects strip unknown keys, so a stray
// `correct: true` on a display choice never reaches the state's `content`.
import { z } from "zod";
import { seededRng, shuffled } from "./random";
import type { RoomConfig, RoomConfigInput, RoomQuestion, RoomQuestionInput } from "./types";

export const DEFAULT_COUNTDOWN_MS = 3000;
export const DEFAULT_DUEL_AUTO_ADVANCE_MS = 5000;
export const DEFAULT_GROUP_MAX_SEATS = 5000;
export const MAX_NICKNAME_LENGTH = 40;

export const roomConfigSchema = z.object({
  mode: z.enum(["duel", "group"]),
  questionCount: z.number().int().min(1).max(100),
  secondsPerQuestion: z.number().int().min(5).max(120),
  speedScoring: z.boolean(),
  hostPlays: z.boolean(),
  countdownMs: z.number().int().min(0).max(10_000).optional(),
  autoAdvanceMs: z.number().int().min(1000).max(120_000).nullable().optional(),
  maxSeats: z.number().int().min(2).max(20_000).optional(),
  autoStart: z.boolean().optional(),
  shuffleQuestions: z.boolean().optional(),
  shuffleChoices: z.boolean().optional(),
});

const id = z.string().min(1).max(200);

export const roomQuestionSchema = z
  .object({
    id,
    type: z.enum(["single", "multiple", "truefalse"]),
    choiceIds: z.array(id).min(2).max(26),
    correctChoiceIds: z.array(id).min(1),
    choose: z.number().int().min(1).optional(),
    content: z
      .object({
        stem: z.string(),
        choices: z.array(z.object({ id, text: z.string() })),
      })
      .optional(),
  })
  .superRefine((q, ctx) => {
    const choices = new Set(q.choiceIds);
    const issue = (message: string) => ctx.addIssue({ code: "custom", message: `question ${q.id}: ${message}` });
    if (choices.size !== q.choiceIds.length) issue("duplicate choice ids");
    if (new Set(q.correctChoiceIds).size !== q.correctChoiceIds.length) issue("duplicate correct ids");
    if (!q.correctChoiceIds.every((c) => choices.has(c))) issue("a correct id is not a choice");
    if (q.type !== "multiple" && q.correctChoiceIds.length !== 1) issue(`${q.type} needs exactly one correct choice`);
    if (q.type === "truefalse" && q.choiceIds.length !== 2) issue("truefalse needs exactly two choices");
    if (q.choose !== undefined && (q.type !== "multiple" || q.choose !== q.correctChoiceIds.length)) {
      issue("`choose` is for multiple only and must equal the number of correct choices");
    }
    if (q.content) {
      const ids = q.content.choices.map((c) => c.id);
      if (ids.length !== choices.size || !ids.every((c) => choices.has(c)) || new Set(ids).size !== ids.length) {
        issue("content choices must be exactly the choice ids");
      }
    }
  });

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export function resolveConfig(input: RoomConfigInput): Validated<RoomConfig> {
  const parsed = roomConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
  const c = parsed.data;
  const duel = c.mode === "duel";
  if (duel && !c.hostPlays) return { ok: false, message: "a duel's host plays (hostPlays must be true)" };
  if (duel && c.maxSeats !== undefined && c.maxSeats !== 2) return { ok: false, message: "a duel has exactly 2 seats" };
  return {
    ok: true,
    value: {
      mode: c.mode,
      questionCount: c.questionCount,
      secondsPerQuestion: c.secondsPerQuestion,
      speedScoring: c.speedScoring,
      hostPlays: c.hostPlays,
      countdownMs: c.countdownMs ?? DEFAULT_COUNTDOWN_MS,
      autoAdvanceMs: c.autoAdvanceMs !== undefined ? c.autoAdvanceMs : duel ? DEFAULT_DUEL_AUTO_ADVANCE_MS : null,
      maxSeats: duel ? 2 : (c.maxSeats ?? DEFAULT_GROUP_MAX_SEATS),
      autoStart: c.autoStart ?? false,
      shuffleQuestions: c.shuffleQuestions ?? true,
      shuffleChoices: c.shuffleChoices ?? true,
    },
  };
}

/** Validates, then picks and orders `config.questionCount` questions with the seed. */
export function prepareQuestions(input: readonly RoomQuestionInput[], config: RoomConfig, seed: number): Validated<RoomQuestion[]> {
  const parsed = z.array(roomQuestionSchema).safeParse(input);
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
  const list = parsed.data;
  if (new Set(list.map((q) => q.id)).size !== list.length) return { ok: false, message: "duplicate question ids" };
  if (list.length < config.questionCount) {
    return { ok: false, message: `questionCount is ${config.questionCount} but only ${list.length} questions were given` };
  }
  const rng = seededRng(seed);
  const ordered = config.shuffleQuestions ? shuffled(list, rng) : list;
  const questions = ordered.slice(0, config.questionCount).map((q): RoomQuestion => {
    const choiceIds = config.shuffleChoices && q.type !== "truefalse" ? shuffled(q.choiceIds, rng) : q.choiceIds.slice();
    const texts = new Map(q.content?.choices.map((c) => [c.id, c.text]));
    return {
      id: q.id,
      type: q.type,
      choiceIds,
      correctChoiceIds: q.correctChoiceIds.slice(),
      choose: q.choose ?? null,
      content: q.content ? { stem: q.content.stem, choices: choiceIds.map((c) => ({ id: c, text: texts.get(c) ?? "" })) } : null,
    };
  });
  return { ok: true, value: questions };
}

/** Back from the stored form to inputs (used by a rematch to reshuffle the same questions). */
export function questionInputs(questions: readonly RoomQuestion[]): RoomQuestionInput[] {
  return questions.map((q) => ({
    id: q.id,
    type: q.type,
    choiceIds: q.choiceIds,
    correctChoiceIds: q.correctChoiceIds,
    ...(q.choose !== null ? { choose: q.choose } : {}),
    ...(q.content ? { content: q.content } : {}),
  }));
}

const PLAYER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;

/** Player ids are object keys in the state: must start with a letter or digit (never "__proto__"). */
export function isValidPlayerId(playerId: unknown): playerId is string {
  return typeof playerId === "string" && PLAYER_ID.test(playerId);
}

/** Trimmed nickname, or null when empty or too long. */
export function cleanNickname(nickname: unknown): string | null {
  if (typeof nickname !== "string") return null;
  const trimmed = nickname.normalize("NFC").replace(/\s+/g, " ").trim();
  return trimmed.length >= 1 && trimmed.length <= MAX_NICKNAME_LENGTH ? trimmed : null;
}
