// Summary blocks (`**정리**`) restate the body: the summary bullet replaces the body facts it restates.
import type { RawFact } from "./facts";
import { charBigrams, containment, jaccard } from "./text";

/**
 * A body fact is restated by a summary fact when at least this share of its character bigrams
 * (Korean-friendly: particles and spacing barely move it) appear in the summary fact...
 */
export const RESTATE_MIN_CONTAINMENT = 0.6;
/** ...and their bigram Jaccard is at least this (a long summary bullet may merge two or three body lines). */
export const RESTATE_MIN_JACCARD = 0.2;
/** Body facts shorter than this many bigrams are too generic to match reliably. */
export const RESTATE_MIN_BIGRAMS = 6;

export interface Restatement {
  body: RawFact;
  summary: RawFact;
  containment: number;
  jaccard: number;
}

/** For each body fact, the summary fact that restates it best, if any. */
export function findRestatements(body: readonly RawFact[], summary: readonly RawFact[], textOf: (f: RawFact) => string): Restatement[] {
  const sGrams = summary.map((s) => ({ s, grams: charBigrams(textOf(s)) }));
  const out: Restatement[] = [];
  for (const b of body) {
    const bg = charBigrams(textOf(b));
    if (bg.size < RESTATE_MIN_BIGRAMS) continue;
    let best: Restatement | null = null;
    for (const { s, grams } of sGrams) {
      const c = containment(bg, grams);
      if (c < RESTATE_MIN_CONTAINMENT) continue;
      const j = jaccard(bg, grams);
      if (j < RESTATE_MIN_JACCARD) continue;
      if (!best || c > best.containment || (c === best.containment && j > best.jaccard)) best = { body: b, summary: s, containment: c, jaccard: j };
    }
    if (best) out.push(best);
  }
  return out;
}
