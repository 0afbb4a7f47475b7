// Pure rules for the draft list: order by quality, what hides below the threshold, and
// which drafts cannot be published because the notes gave no key.
import { QUALITY_THRESHOLD } from "./quality-threshold";

export interface DraftKeyShape {
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE" | "CLOZE";
  acceptedAnswers: string[];
  choices: { correct: boolean }[];
  /** The importer's rule; "quiz-needs-key" marks a quiz whose key the notes did not give. */
  rule?: string;
}

/** A quiz imported without a recoverable key: a choice question with no correct option, or a cloze with no answer. */
export function needsKey(question: DraftKeyShape): boolean {
  if (question.rule === "quiz-needs-key") return true;
  if (question.type === "CLOZE") return question.acceptedAnswers.length === 0;
  return !question.choices.some((choice) => choice.correct);
}

/** Highest quality first; unscored drafts last; ties keep their given (notes) order. */
export function sortByQuality<T extends { quality: number | null }>(drafts: T[]): T[] {
  return drafts
    .map((draft, index) => ({ draft, index }))
    .sort((a, b) => (b.draft.quality ?? -1) - (a.draft.quality ?? -1) || a.index - b.index)
    .map(({ draft }) => draft);
}

/** Unscored drafts (authored, or imported before scoring) are not "low quality": they stay visible. */
export function isLowQuality(quality: number | null, threshold = QUALITY_THRESHOLD): boolean {
  return quality !== null && quality < threshold;
}
