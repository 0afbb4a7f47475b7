// Failure patterns found by labelling generated questions by hand (issue 14 calibration, see
// test/fixtures/notes-quality): each test says why a question of that shape is not honest as it stands.
import { normalizeForMatch } from "./text";

const NUMBER_RE = /\d[\d,]*(?:\.\d+)?/g;
const HANGUL_RE = /[\uac00-\ud7a3]/;

/** Where the swapped number sits in the claim of a number-swap item, or -1 when no number differs. */
export function swappedNumberAt(claim: string, original: string): number {
  const a = [...claim.matchAll(NUMBER_RE)];
  const b = [...original.matchAll(NUMBER_RE)].map((m) => m[0]);
  const i = a.findIndex((m, k) => m[0] !== b[k]);
  return i < 0 ? -1 : (a[i]?.index ?? -1);
}

/**
 * The number at `at` is an example or a hypothetical, not a fact: inside quotes ("평균 CPU 80% 유지"처럼), or
 * after "if / for example / 만약 / 예를 들어" in the same clause. Changing it leaves the statement true.
 */
export function isExampleValue(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const quotes = (before.match(/["“”]/g) ?? []).length;
  if (quotes % 2 === 1) return true;
  const clause = before.split(/[.;。]\s|→|=>/).pop() ?? "";
  return /(?:^|\s)(?:if|e\.g\.|for example|for instance|such as|say|만약|예를 들어|예를 들면|예컨대|ex\)|예\))/i.test(clause) || /경우를 대비/.test(text.slice(at, at + 40));
}

/** The clause holding the number is negated ("44번 포트를 열지 않아도 된다"): it stays true when the number changes. */
export function isNegatedAt(text: string, at: number): boolean {
  const start = Math.max(...[",", ";", ". ", " and ", " but ", "。"].map((sep) => text.lastIndexOf(sep, at)));
  const ends = [",", ";", ". ", " and ", " but ", "。"].map((sep) => text.indexOf(sep, at)).filter((i) => i >= 0);
  const clause = text.slice(start + 1, ends.length ? Math.min(...ends) : text.length);
  return /\b(?:not|no|never|cannot|can't|don't|doesn't|without|none)\b|않|없|못/i.test(clause);
}

const TIME_UNITS: Array<[RegExp, number]> = [
  [/^(?:초|seconds?|secs?|s)\b|^초/i, 1],
  [/^(?:분|minutes?|mins?)\b|^분/i, 60],
  [/^(?:시간|hours?|hrs?|h)\b|^시간/i, 3600],
  [/^(?:일|days?|d)\b|^일/i, 86400],
];

function secondsOf(n: string, after: string): number | null {
  const v = Number(n.replace(/,/g, ""));
  const unit = TIME_UNITS.find(([re]) => re.test(after.trimStart()));
  return unit && Number.isFinite(v) ? v * unit[1] : null;
}

/**
 * The same duration is written twice in other units ("1시간(3600초)", "300초로 5분"): a blank on one is
 * answered by the other, and a swap of one contradicts the other on its face.
 */
export function isRestatedDuration(text: string, at: number, value: string): boolean {
  const own = secondsOf(value, text.slice(at + value.length));
  if (own === null) return false;
  for (const m of text.matchAll(NUMBER_RE)) {
    if (m.index === at) continue;
    const other = secondsOf(m[0], text.slice((m.index ?? 0) + m[0].length));
    if (other !== null && other === own && m[0] !== value) return true;
  }
  return false;
}

/** After a swap from 1, a plural number before a singular unit ("from 2 hour"): the statement reads as broken. */
export function hasSingularUnitAfterPlural(text: string): boolean {
  return /\b(?:[02-9]|\d{2,})\s+(?:hour|day|minute|second|week|month|year|instance|region|zone|volume|copy)\b(?!s)/i.test(text);
}

/**
 * The blank glosses the words right before it: "(____)" after its expansion ("Local secondary index" → LSI)
 * or after its Korean name ("예측 조정(____)" → Predictive Scaling). The stem gives the answer away.
 */
export function isGlossBlank(before: string, after: string, answer: string): boolean {
  if (!/\(\s*$/.test(before) || !/^\s*\)/.test(after)) return false;
  const lead = before.replace(/\(\s*$/, "").trimEnd();
  // "(____)" after a full stop glosses nothing the learner can see: any term of the section could fit.
  if (/[.,;:]$/.test(lead)) return true;
  if (HANGUL_RE.test(lead.slice(-1)) && !HANGUL_RE.test(answer)) return true;
  return isAcronymOf(answer, lead.split(/\s+/).slice(-5).join(" "));
}

/** "IGW" ← "Internet gateway", "LSI" ← "Local secondary index": letters in order, the first at a word start. */
function isAcronymOf(answer: string, phrase: string): boolean {
  const letters = answer.replace(/[^A-Za-z]/g, "").toLowerCase();
  if (letters.length < 2 || answer !== answer.toUpperCase()) return false;
  const ws = normalizeForMatch(phrase).split(" ").filter((w) => /^[a-z]/.test(w) && !/^(?:a|an|the)$/.test(w));
  for (let start = 0; start < ws.length; start++) {
    if (ws[start]![0] !== letters[0]) continue;
    const rest = ws.slice(start).join(" ");
    let k = 0;
    for (const ch of rest) if (ch === letters[k]) k++;
    if (k >= letters.length && ws.length - start <= letters.length + 1) return true;
  }
  return false;
}

/** The blank is one item of an enumeration ("console, ____, SDK"): other items of the same kind fit it too. */
export function isListItemBlank(before: string, after: string): boolean {
  const sepBefore = /(?:,|\band|\bor|또는|및)\s*$/i.test(before);
  const sepAfter = /^\s*(?:,|\s(?:and|or|또는|및)\s)/i.test(after);
  // "____ 또는 대상 그룹에서", "S3 or ____": one of two alternatives; the other fits the sentence too.
  const orAfter = /^\s+(?:or|또는|혹은)\s/i.test(after);
  const orBefore = /(?:\bor|또는|혹은)\s+$/i.test(before);
  return (/,\s*$/.test(before) && sepAfter) || (sepBefore && /^\s*,/.test(after)) || orAfter || orBefore;
}

/** A study remark about the exam or the notes ("Exams mostly care about layers 3, 4 and 7"), not a fact. */
export const REMARK_RE = /\bexams? (?:mostly |usually |often |always |really )?(?:care|ask|love|focus|like)\b|시험에 (?:자주|잘|많이) 나/i;

/** Singular and plural of a word match ("AMIs" is named by "an AMI", "Ephemeral ports" by "the ephemeral port"). */
export function containsWordLoosely(hay: string, needle: string): boolean {
  const stem = (s: string) => normalizeForMatch(s).split(" ").map((w) => (w.length > 3 ? w.replace(/(?:es|s)$/, "") : w)).join(" ");
  const n = stem(needle);
  return n.length >= 3 && ` ${stem(hay)} `.includes(` ${n} `);
}

/** A name the author chose in a lab ("lab-vpc", "private-a"): learning it teaches nothing about the service. */
export function isLabResourceName(answer: string, headingPath: readonly string[]): boolean {
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(answer) && headingPath.some((h) => /\b(?:lab|step\s*\d+|walkthrough|hands-on|demo)\b|실습/i.test(h));
}

/**
 * A swapped default that now exceeds the maximum stated in the same sentence ("기본 200개까지 ... (최대 50까지
 * 늘릴 수 있음)") is false on its face: the item tests nothing.
 */
export function exceedsStatedMax(claim: string, at: number, swapped: string, original: string): boolean {
  const toNum = (x: string) => Number(x.replace(/,/g, ""));
  for (const m of claim.matchAll(/(?:최대|up to|maximum|max\.?|at most)\s*(\d[\d,]*(?:\.\d+)?)/gi)) {
    const capAt = (m.index ?? 0) + m[0].length - (m[1]?.length ?? 0);
    if (capAt === at) continue;
    const cap = toNum(m[1] ?? "");
    if (toNum(swapped) > cap && toNum(original) <= cap) return true;
  }
  return false;
}
