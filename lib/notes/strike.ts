// Strikethrough (`~claim~`, `~~claim~~`) versus tilde used as a range (`1~5분`, `0~100%`, `03:00 ~ 05:00`).

export interface StrikeSpan {
  /** Index of the opening marker in the raw string. */
  start: number;
  /** Index just past the closing marker. */
  end: number;
  inner: string;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;

/**
 * Finds strikethrough spans on one line.
 * An opener is not preceded by a letter/digit and not followed by a space; a closer is not preceded by a
 * space and not followed by a digit. So `1~5분`, `2~3문제` (digit before), `03:00 ~ 05:00` (space after)
 * are ranges; runs of 3+ tildes are fences.
 */
export function findStrikes(raw: string): StrikeSpan[] {
  const runs: Array<{ at: number; len: number }> = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== "~") {
      i++;
      continue;
    }
    let j = i;
    while (raw[j] === "~") j++;
    runs.push({ at: i, len: j - i });
    i = j;
  }
  const spans: StrikeSpan[] = [];
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r];
    if (!open || open.len > 2) continue;
    const before = raw[open.at - 1] ?? "";
    const after = raw[open.at + open.len] ?? "";
    if ((before && LETTER_OR_DIGIT.test(before)) || !after || /\s/.test(after)) continue;
    for (let c = r + 1; c < runs.length; c++) {
      const close = runs[c];
      if (!close) break;
      if (close.len !== open.len) continue;
      const cb = raw[close.at - 1] ?? "";
      const ca = raw[close.at + close.len] ?? "";
      if (/\s/.test(cb) || (ca && DIGIT.test(ca))) continue;
      const inner = raw.slice(open.at + open.len, close.at);
      if (!/\p{L}/u.test(inner)) break; // "~5~": numbers only, not a claim
      spans.push({ start: open.at, end: close.at + close.len, inner });
      r = c;
      break;
    }
  }
  return spans;
}

/** Removes strike markers but keeps the struck words. */
export function unstrike(raw: string, spans: StrikeSpan[]): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += raw.slice(at, s.start) + s.inner;
    at = s.end;
  }
  return out + raw.slice(at);
}

/** The text with struck parts removed. */
export function withoutStruck(raw: string, spans: StrikeSpan[]): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += raw.slice(at, s.start);
    at = s.end;
  }
  return out + raw.slice(at);
}
