// Ghost timelines (pure). A run is a list of closed questions, each with its offset from the
// run's start on the server clock. A ghost is such a timeline replayed: the learner's own
// earlier run, or the median of several runs of the same set. The race clock (when each of
// the learner's questions opens and closes) is here too, so the socket handler only reads
// the clock and the database.

/** One closed question of a recorded run. */
export type RecordedAnswer = {
  questionIndex: number;
  correct: boolean;
  timedOut: boolean;
  offsetMs: number;
  points: number;
};

/** The ghost closing question `index` at `offsetMs` after the race started. Never carries a choice. */
export type GhostEvent = {
  index: number;
  offsetMs: number;
  correct: boolean;
  timedOut: boolean;
  points: number;
  /** The ghost's total after this question. */
  totalPoints: number;
};

/** What a race replays, frozen when it starts (stored on GhostRun.ghost). */
export type GhostSnapshot = {
  kind: "self" | "group";
  /** The runs it was built from (one for "self"). */
  sourceRunIds: string[];
  groupId: string | null;
  events: GhostEvent[];
};

function sortedByIndex<T extends { questionIndex: number }>(answers: readonly T[]): T[] {
  return [...answers].sort((a, b) => a.questionIndex - b.questionIndex);
}

/** A recorded run as a ghost: one event per closed question, totals accumulated. */
export function ghostTimeline(answers: readonly RecordedAnswer[]): GhostEvent[] {
  let total = 0;
  return sortedByIndex(answers).map((answer) => {
    total += answer.points;
    return { index: answer.questionIndex, offsetMs: answer.offsetMs, correct: answer.correct, timedOut: answer.timedOut, points: answer.points, totalPoints: total };
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median ghost of several complete runs of one set (`questionCount` closed questions each;
 * others are left out). Per question: the median offset (each run's offsets never decrease, so
 * neither do their medians), the median points, correct when more than half the runs were.
 */
export function medianTimeline(runs: readonly (readonly RecordedAnswer[])[], questionCount: number): GhostEvent[] {
  const complete = runs
    .map((run) => sortedByIndex(run))
    .filter((run) => run.length === questionCount && run.every((answer, i) => answer.questionIndex === i));
  if (complete.length === 0) return [];
  let total = 0;
  const events: GhostEvent[] = [];
  for (let index = 0; index < questionCount; index++) {
    const column = complete.map((run) => run[index]!);
    const points = Math.round(median(column.map((a) => a.points)));
    total += points;
    events.push({
      index,
      offsetMs: Math.round(median(column.map((a) => a.offsetMs))),
      correct: column.filter((a) => a.correct).length * 2 > column.length,
      timedOut: column.filter((a) => a.timedOut).length * 2 > column.length,
      points,
      totalPoints: total,
    });
  }
  return events;
}

export type QuestionComparison = {
  index: number;
  /** Time spent on this question (from the previous close to this one). */
  yourMs: number;
  ghostMs: number;
  /** ghostMs − yourMs: positive when you were faster on this question. */
  gainedMs: number;
  /** Ahead (positive) or behind after this question: the ghost's offset − yours. */
  leadMs: number;
  yourCorrect: boolean;
  ghostCorrect: boolean;
  yourPoints: number;
  ghostPoints: number;
};

export type RunComparison = {
  questions: QuestionComparison[];
  yourTotal: number;
  ghostTotal: number;
  yourMs: number;
  ghostMs: number;
};

/** Where you gained or lost time per question, against a ghost over the same questions. */
export function compareRuns(yours: readonly RecordedAnswer[], ghost: readonly GhostEvent[]): RunComparison {
  const mine = sortedByIndex(yours);
  const theirs = new Map(ghost.map((event) => [event.index, event]));
  const questions: QuestionComparison[] = [];
  let yourPrevious = 0;
  let ghostPrevious = 0;
  for (const answer of mine) {
    const other = theirs.get(answer.questionIndex);
    if (!other) continue;
    const yourMs = answer.offsetMs - yourPrevious;
    const ghostMs = other.offsetMs - ghostPrevious;
    questions.push({
      index: answer.questionIndex, yourMs, ghostMs, gainedMs: ghostMs - yourMs, leadMs: other.offsetMs - answer.offsetMs,
      yourCorrect: answer.correct, ghostCorrect: other.correct, yourPoints: answer.points, ghostPoints: other.points,
    });
    yourPrevious = answer.offsetMs;
    ghostPrevious = other.offsetMs;
  }
  return {
    questions,
    yourTotal: mine.reduce((sum, a) => sum + a.points, 0),
    ghostTotal: ghost.reduce((sum, e) => sum + e.points, 0),
    yourMs: mine.at(-1)?.offsetMs ?? 0,
    ghostMs: ghost.at(-1)?.offsetMs ?? 0,
  };
}

// ── the learner's race clock ──
// Question 0 opens at the start; each next one opens the moment the previous closes (answered
// or timed out), and closes by itself `limitMs` after opening.

/** Answers within this long after a question's deadline still count (clamped to the deadline), as in live rooms. */
export const ANSWER_GRACE_MS = 500;

/** When question `closed.length` opened, from the run's start. */
export function currentOpensAt(closed: readonly Pick<RecordedAnswer, "offsetMs">[]): number {
  return closed.length === 0 ? 0 : Math.max(...closed.map((a) => a.offsetMs));
}

/** The questions that timed out by `nowMs` (from the start), each closed at its deadline: the next opens there. */
export function settleTimeouts(closed: readonly Pick<RecordedAnswer, "offsetMs">[], questionCount: number, limitMs: number, nowMs: number): { questionIndex: number; offsetMs: number }[] {
  const timeouts: { questionIndex: number; offsetMs: number }[] = [];
  let index = closed.length;
  let opensAt = currentOpensAt(closed);
  while (index < questionCount && opensAt + limitMs + ANSWER_GRACE_MS <= nowMs) {
    opensAt += limitMs;
    timeouts.push({ questionIndex: index, offsetMs: opensAt });
    index++;
  }
  return timeouts;
}

/** The learner's streak of correct answers going into the next question. */
export function trailingStreak(closed: readonly Pick<RecordedAnswer, "questionIndex" | "correct">[]): number {
  let streak = 0;
  for (const answer of sortedByIndex(closed).reverse()) {
    if (!answer.correct) break;
    streak++;
  }
  return streak;
}

/** The ghost's progress at `nowMs`: the events already due, the rest still to come. */
export function ghostProgress(events: readonly GhostEvent[], nowMs: number): { passed: GhostEvent[]; upcoming: GhostEvent[] } {
  return { passed: events.filter((e) => e.offsetMs <= nowMs), upcoming: events.filter((e) => e.offsetMs > nowMs) };
}
