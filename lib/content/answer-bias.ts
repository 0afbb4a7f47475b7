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

export interface AnswerBias {
  single: LengthBias;
  multiple: LengthBias;
  positions: PositionBias;
}

function lengthBias(questions: readonly BiasQuestion[]): LengthBias {
  const longest = questions.filter((q) => keysAreLongest(q.choices)).map((q) => q.id);
  return { total: questions.length, longest, share: questions.length ? longest.length / questions.length : 0 };
}

/** Key position of every single-response question, counted by display position. */
export function keyPositions(questions: readonly BiasQuestion[]): PositionBias {
  const counts: number[] = [];
  let total = 0;
  for (const q of questions) {
    if (q.type !== "single") continue;
    const at = q.choices.findIndex((c) => c.correct);
    if (at < 0) continue;
    while (counts.length <= at) counts.push(0);
    counts[at]! += 1;
    total++;
  }
  let maxPosition = 0;
  counts.forEach((n, i) => {
    if (n > counts[maxPosition]!) maxPosition = i;
  });
  return { counts, total, maxShare: total ? (counts[maxPosition] ?? 0) / total : 0, maxPosition };
}

export function measureAnswerBias(questions: readonly BiasQuestion[]): AnswerBias {
  return {
    single: lengthBias(questions.filter((q) => q.type === "single")),
    multiple: lengthBias(questions.filter((q) => q.type === "multiple")),
    positions: keyPositions(questions),
  };
}

/** "A", "B", … for a 0-based display position. */
export function positionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
