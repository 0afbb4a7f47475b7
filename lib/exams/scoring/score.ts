// Scoring of single items and whole attempts. Pure functions; the data layer calls them.

export type QuestionKind = "single" | "multiple" | "truefalse" | "cloze";

export type ScorableQuestion = {
  type: QuestionKind;
  /** Choice ids of the correct options (one for single / truefalse). */
  correctChoiceIds: readonly string[];
  /** Multiple response: how many options to pick (informational; the correct set decides). */
  choose?: number;
  /** Cloze: every accepted spelling of the answer. */
  acceptedAnswers?: readonly string[];
};

export type ItemResponse = { choiceIds?: readonly string[]; text?: string } | null | undefined;

/**
 * Is the response right?
 * - single / truefalse / multiple: the chosen set must equal the correct set exactly
 *   (multiple response is all-or-nothing, as on AWS exams: a missing or an extra choice
 *   scores 0). Repeated ids in the response are counted once.
 * - cloze: the typed text must match an accepted answer after normalizeAnswer(); a
 *   trailing unit may be left out ("30" for "30 days") but a different unit is wrong.
 * An empty or missing response is wrong.
 */
export function scoreItem(question: ScorableQuestion, response: ItemResponse): boolean {
  if (!response) return false;
  if (question.type === "cloze") {
    const text = response.text;
    if (typeof text !== "string") return false;
    return (question.acceptedAnswers ?? []).some((accepted) => clozeMatches(accepted, text));
  }
  const chosen = new Set(response.choiceIds ?? []);
  const correct = new Set(question.correctChoiceIds);
  if (chosen.size === 0 || correct.size === 0 || chosen.size !== correct.size) return false;
  if ((question.type === "single" || question.type === "truefalse") && correct.size !== 1) return false;
  for (const id of chosen) if (!correct.has(id)) return false;
  return true;
}

/**
 * Canonical form of a typed answer: Unicode NFKC (full-width letters and digits become
 * ASCII, "ｍｓ" → "ms"), lower case, all whitespace removed (Korean spacing varies:
 * "가용 영역" = "가용영역"), thousands separators dropped ("1,000" → "1000"), quotes and
 * trailing punctuation removed.
 */
export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(?<=\d),(?=\d{3}(?:\D|$))/g, "")
    .replace(/["'`“”‘’]/g, "")
    .replace(/\s+/g, "")
    .replace(/[.,;:!?。、]+$/u, "");
}

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(\D.*)?$/u;

/** "days" → "day", "hours" → "hour"; short units ("ms", "gbs"?) are left alone below 3 letters. */
function singularUnit(unit: string): string {
  return unit.length > 2 && /^[a-z]+s$/.test(unit) ? unit.slice(0, -1) : unit;
}

function clozeMatches(accepted: string, typed: string): boolean {
  const a = normalizeAnswer(accepted);
  const t = normalizeAnswer(typed);
  if (t.length === 0 || a.length === 0) return false;
  if (a === t) return true;
  const am = NUMBER_WITH_UNIT.exec(a);
  const tm = NUMBER_WITH_UNIT.exec(t);
  if (!am || !tm || Number(am[1]) !== Number(tm[1])) return false;
  const aUnit = am[2] ?? "";
  const tUnit = tm[2] ?? "";
  // The unit is optional on either side; when both give one, it must be the same unit.
  return aUnit === "" || tUnit === "" || singularUnit(aUnit) === singularUnit(tUnit);
}

export type ScoreScale = { minScore?: number; maxScore?: number };

/**
 * Scaled score (integer, 100..1000 by default): min + (max − min) × correct/total, rounded
 * down so rounding never turns a fail into a pass.
 *
 * APPROXIMATION: AWS reports 100–1000 scaled scores produced by equating across exam forms
 * and does not publish the raw-to-scaled mapping (unscored items, per-form difficulty).
 * The linear map here means 720 ≈ 68.9% raw and 72% raw ≈ 748.
 */
export function scaledScore(correct: number, total: number, scale: ScoreScale = {}): number {
  const min = scale.minScore ?? 100;
  const max = scale.maxScore ?? 1000;
  if (!(total > 0)) return min;
  const c = Math.min(total, Math.max(0, correct));
  return min + Math.floor(((max - min) * c) / total + 1e-9);
}

/** The same linear map for a fraction 0..1, unrounded (readiness estimates use it). */
export function fractionToScaled(fraction: number, scale: ScoreScale = {}): number {
  const min = scale.minScore ?? 100;
  const max = scale.maxScore ?? 1000;
  return min + (max - min) * Math.min(1, Math.max(0, fraction));
}

/** Inverse of fractionToScaled: the raw fraction a scaled score corresponds to. */
export function scaledToFraction(scaled: number, scale: ScoreScale = {}): number {
  const min = scale.minScore ?? 100;
  const max = scale.maxScore ?? 1000;
  return Math.min(1, Math.max(0, (scaled - min) / (max - min)));
}

export function passed(scaled: number, passingScore = 720): boolean {
  return scaled >= passingScore;
}

export type BreakdownItem = { topicId: string; domain: number | string | null; correct: boolean };
export type BreakdownRow = { key: string | number | null; correct: number; total: number; percent: number };

/**
 * Per-topic or per-domain results: correct / total / percent (one decimal). Rows are
 * ordered by key (numeric-aware), items without a domain last.
 */
export function breakdown(items: readonly BreakdownItem[], by: "topic" | "domain"): BreakdownRow[] {
  const rows = new Map<string | number | null, { correct: number; total: number }>();
  for (const item of items) {
    const key = by === "topic" ? item.topicId : item.domain;
    const row = rows.get(key) ?? { correct: 0, total: 0 };
    row.total += 1;
    if (item.correct) row.correct += 1;
    rows.set(key, row);
  }
  return [...rows.entries()]
    .map(([key, r]) => ({ key, correct: r.correct, total: r.total, percent: Math.round((1000 * r.correct) / r.total) / 10 }))
    .sort((x, y) => compareKeys(x.key, y.key));
}

function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}
