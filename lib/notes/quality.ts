// Quality heuristic (0..1) used to rank drafts for an editor; it is not a correctness score.
//
// quality = base(rule) × stemFit × factFit × choiceFit (or answerFit for cloze), clamped to [0, 1].
//   base      how reliable the rule is: scenario 0.9, single-sibling and table-single 0.85, multiple-list 0.8,
//             cloze 0.75, truefalse-statement / number-swap 0.6 (true/false items test little),
//             truefalse-corrected 0.5 (rests on the author's own correction, which needs checking).
//   stemFit   1 for a stem body of 25..180 characters, falling linearly to 0.5 at 8 or 400.
//   factFit   1 for a sentence that stands alone; ×0.6 if it opens with a pronoun/connective
//             ("이는", "따라서", "This"), ×0.6 under 4 words, ×0.75 over 220 characters.
//   choiceFit mean distractor plausibility: 1 for a sibling of the answer (same concept group or
//             sibling list), 0.55 for a filler from elsewhere; ×0.85 when a choice is more than
//             twice (or under half) as long as the answer, which makes the answer stand out.
//   answerFit cloze only: how salient the blanked term or number is (a known concept, an acronym,
//             a number with a unit after "최대"/"default" score high).
//   contextFit (every rule but quizzes) ×0.75 under a lab or step heading: a lab's instructions ("create
//             private-a, allow 443") are steps to follow, rarely facts to learn (calibration, issue 14).
import type { RuleName } from "./types";

export const RULE_BASE: Record<RuleName, number> = {
  "scenario-use-when": 0.9,
  "single-sibling": 0.85,
  "multiple-list": 0.8,
  "cloze-term": 0.75,
  "cloze-number": 0.75,
  "truefalse-statement": 0.6,
  "truefalse-number-swap": 0.6,
  "truefalse-sibling-swap": 0.6,
  "truefalse-corrected": 0.5,
  "quiz-keyed": 0.95,
  "quiz-needs-key": 0.3,
  "table-single": 0.85,
  "definition-single": 0.85,
};

export function stemFit(body: string): number {
  const n = body.length;
  if (n >= 25 && n <= 180) return 1;
  if (n < 25) return Math.max(0.5, 0.5 + (0.5 * (n - 8)) / 17);
  return Math.max(0.5, 1 - (0.5 * (n - 180)) / 220);
}

export function lengthBalance(answer: string, others: readonly string[]): number {
  const a = Math.max(1, answer.length);
  return others.some((o) => o.length > 2 * a || o.length * 2 < a) ? 0.85 : 1;
}

export function choiceFit(plausibility: readonly number[], answer: string, others: readonly string[]): number {
  const mean = plausibility.length ? plausibility.reduce((s, x) => s + x, 0) / plausibility.length : 1;
  return mean * lengthBalance(answer, others);
}

export function clozeQuality(masked: string, salience: number, fit: number): number {
  return RULE_BASE["cloze-term"] * stemFit(masked) * fit * (0.6 + 0.4 * Math.min(1, salience));
}

export function combine(rule: RuleName, ...factors: number[]): number {
  return factors.reduce((q, f) => q * f, RULE_BASE[rule]);
}

const LAB_HEADING_RE = /\b(?:lab|step\s*\d+|walkthrough|hands-on|demo)\b|실습/i;

export function contextFit(rule: RuleName, headingPath: readonly string[]): number {
  if (rule === "quiz-keyed" || rule === "quiz-needs-key") return 1;
  return headingPath.some((h) => LAB_HEADING_RE.test(h)) ? 0.75 : 1;
}
