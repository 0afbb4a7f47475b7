// Cues a test-wise learner can score on without knowing the material: the key being the
// longest choice, and keys piling up at one position. Pure, so the bank guard tests, the
// bank report script and the editor's draft checks can share one definition.

/** The shape these checks need: a choice's text and whether it is a key, in display order. */
export interface BiasChoice {
  text: string;
  correct: boolean;
}

export interface BiasQuestion {
  id: string;
  type: string;
  choices: readonly BiasChoice[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * What a reader sees of a choice text: markdown markers removed (code spans keep their
 * content, links their label), whitespace collapsed, trimmed.
 */
export function displayText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`+/g, "")
    .replace(/(\*\*|__|~~)/g, "")
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,:;!?])/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** Displayed length of a choice: user-perceived characters (grapheme clusters) of `displayText`. */
export function displayLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(displayText(text))) n++;
  return n;
}

/**
 * True when every key is at least as long as every distractor (ties count as longest, to be
 * strict): for a single-response question, "pick the longest" finds the key; for a
 * multiple-response one, "pick the N longest" finds all keys.
 */
export function keysAreLongest(choices: readonly BiasChoice[]): boolean {
  const keys = choices.filter((c) => c.correct).map((c) => displayLength(c.text));
  const others = choices.filter((c) => !c.correct).map((c) => displayLength(c.text));
  if (keys.length === 0 || others.length === 0) return false;
  return Math.min(...keys) >= Math.max(...others);
}

/**
 * Shortest key over longest distractor: above 1 the keys stand out by length. A draft
 * question's key that is much longer than every distractor (say ≥ 1.5) is worth a look.
 */
export function keyLengthRatio(choices: readonly BiasChoice[]): number {
  const keys = choices.filter((c) => c.correct).map((c) => displayLength(c.text));
  const others = choices.filter((c) => !c.correct).map((c) => displayLength(c.text));
  if (keys.length === 0 || others.length === 0) return 0;
  return Math.min(...keys) / Math.max(1, ...others);
}

/** The bank guard tests' limits: shares above these let a test-wise learner beat chance. */
export const ANSWER_BIAS_LIMITS = {
  /** Questions whose keys are the longest choices (4 choices by chance: 25%). */
  longestKeyShare: 0.3,
  /** Single-response keys at any one display position (by chance: 25%). */
  positionShare: 0.35,
  /** Single-response keys at any one length rank, longest to shortest (by chance: 25%). */
  lengthRankShare: 0.35,
} as const;

/**
 * Where the key of a single-response question stands by length: 1 + the number of
 * distractors strictly longer than it, so 1 = longest (ties count as longest) and 4 = the
 * shortest of four. Rewriting keys so they are never longest would only move the cue here.
 */
export function keyLengthRank(choices: readonly BiasChoice[]): number {
  const key = choices.find((c) => c.correct);
  if (!key) return 0;
  const length = displayLength(key.text);
  return 1 + choices.filter((c) => !c.correct && displayLength(c.text) > length).length;
}

export interface LengthBias {
  /** Questions of this type. */
  total: number;
  /** Ids of the questions whose keys are the longest choices. */
  longest: string[];
  /** longest.length / total (0 when there are none). */
  share: number;
}

export interface PositionBias {
  /** Keys of single-response questions at each display position (0 = A). */
  counts: number[];
  total: number;
  /** The largest share any one position holds. */
  maxShare: number;
  /** The position (0 = A) holding it. */
  maxPosition: number;
}

export interface RankBias {
  /** Single-response keys at each length rank (index 0 = rank 1 = longest). */
  counts: number[];
  total: number;
  maxShare: number;
  /** The rank (1 = longest) holding the largest share. */
  maxRank: number;
}

export interface AnswerBias {
  single: LengthBias;
  multiple: LengthBias;
  positions: PositionBias;
  ranks: RankBias;
}

function lengthBias(questions: readonly BiasQuestion[]): LengthBias {
  const longest = questions.filter((q) => keysAreLongest(q.choices)).map((q) => q.id);
  return { total: questions.length, longest, share: questions.length ? longest.length / questions.length : 0 };
}

/** How many of `values` fall on each index, and which index holds the most. */
function tally(values: readonly number[]): { counts: number[]; total: number; maxShare: number; maxIndex: number } {
  const counts: number[] = [];
  for (const v of values) {
    while (counts.length <= v) counts.push(0);
    counts[v]! += 1;
  }
  let maxIndex = 0;
  counts.forEach((n, i) => {
    if (n > counts[maxIndex]!) maxIndex = i;
  });
  const total = values.length;
  return { counts, total, maxShare: total ? (counts[maxIndex] ?? 0) / total : 0, maxIndex };
}

const singles = (questions: readonly BiasQuestion[]) => questions.filter((q) => q.type === "single" && q.choices.some((c) => c.correct));

/** Key position of every single-response question, counted by display position. */
export function keyPositions(questions: readonly BiasQuestion[]): PositionBias {
  const { maxIndex, ...rest } = tally(singles(questions).map((q) => q.choices.findIndex((c) => c.correct)));
  return { ...rest, maxPosition: maxIndex };
}

/** Length rank of every single-response key (see keyLengthRank). */
export function keyLengthRanks(questions: readonly BiasQuestion[]): RankBias {
  const { maxIndex, ...rest } = tally(singles(questions).map((q) => keyLengthRank(q.choices) - 1));
  return { ...rest, maxRank: maxIndex + 1 };
}

export function measureAnswerBias(questions: readonly BiasQuestion[]): AnswerBias {
  return {
    single: lengthBias(questions.filter((q) => q.type === "single")),
    multiple: lengthBias(questions.filter((q) => q.type === "multiple")),
    positions: keyPositions(questions),
    ranks: keyLengthRanks(questions),
  };
}

/** "A", "B", … for a 0-based display position. */
export function positionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
