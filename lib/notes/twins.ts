// Bilingual notes write each point twice (an English bullet then its Korean translation, or the reverse).
// Asking both halves gives the learner the same question twice, so each twin pair keeps only the fact in
// the bank's language (ParsedNotes.language) and the other is dropped before generation.
import type { Fact, ParsedNotes } from "./types";
import { hangulRatio } from "./text";

export interface TwinPair {
  /** The fact in the bank's language: it stays. */
  kept: Fact;
  /** Its translation: dropped. */
  twin: Fact;
  /** Shares an AWS term or number with its twin (a pair with no such anchor needs bilingual neighbours). */
  anchored: boolean;
}

/** A bilingual section shows at least this many anchored pairs before unanchored ones are trusted. */
export const MIN_ANCHORED_PAIRS = 2;
/** The Korean half of a translation is this much of the English length, give or take. */
const KO_EN_LENGTH_RATIO: [number, number] = [0.2, 1.3];

const EN_NUMBER_WORDS: Record<string, string> = {
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10", eleven: "11", twelve: "12",
};

function scriptLanguage(text: string): "ko" | "en" | null {
  const r = hangulRatio(text);
  if (r >= 0.25) return "ko";
  if (r === 0 && /[A-Za-z]{3}/.test(text)) return "en";
  return null;
}

function numbersOf(text: string, lang: "ko" | "en"): string[] {
  const digits = [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,/g, ""));
  const spelled = lang === "en" ? [...text.toLowerCase().matchAll(/\b[a-z]+\b/g)].map((m) => EN_NUMBER_WORDS[m[0]]).filter((x): x is string => !!x) : [];
  return [...digits, ...spelled].sort();
}

/** Latin words a Korean sentence keeps from its English twin ("MFA", "AWS STS", "Deny"). */
function latinWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*/g)].map((m) => m[0].toLowerCase());
}

/** Same numbers, every Latin word of the Korean half found in the English half. Null: not a translation. */
function twinEvidence(ko: Fact, en: Fact): { anchored: boolean } | null {
  const ratio = ko.text.length / Math.max(1, en.text.length);
  if (ratio < KO_EN_LENGTH_RATIO[0] || ratio > KO_EN_LENGTH_RATIO[1]) return null;
  const kn = numbersOf(ko.text, "ko");
  const enNums = numbersOf(en.text, "en");
  // Korean may spell a number the English half writes in words, never a different number.
  if (kn.some((n) => !enNums.includes(n))) return null;
  if (kn.length === 0 && enNums.some((n) => /\d/.test(n) && en.text.includes(n))) return null;
  const enWords = new Set(latinWords(en.text));
  const kw = latinWords(ko.text);
  // "SCP" in Korean, "SCPs" in English: a plural is the same word.
  if (kw.some((w) => !enWords.has(w) && !enWords.has(`${w}s`) && !enWords.has(`${w}es`))) return null;
  return { anchored: kw.length > 0 || kn.length > 0 };
}

/** A statement's translation is a statement too: "ex) /aws/reference/..." under a sentence is not its twin. */
function kindClass(f: Fact): string {
  return f.kind === "statement" || f.kind === "definition" || f.kind === "summary" ? "claim" : f.kind;
}

/** Facts the notes wrote next to each other: list siblings, sentences of one paragraph, or a bullet and its only child. */
function adjacent(a: Fact, b: Fact, onlyChild: (f: Fact) => Fact | undefined): boolean {
  if (a.topicPath !== b.topicPath || b.lines[0] - a.lines[1] > 2) return false;
  if (a.parentId === b.parentId && a.listId === b.listId) return true;
  return onlyChild(a) === b;
}

/** Twin pairs in document order; each fact is in at most one pair. */
export function findTwins(parsed: ParsedNotes): TwinPair[] {
  const children = new Map<string, Fact[]>();
  for (const f of parsed.facts) if (f.parentId) children.set(f.parentId, [...(children.get(f.parentId) ?? []), f]);
  const onlyChild = (f: Fact): Fact | undefined => {
    const c = children.get(f.id);
    return c && c.length === 1 ? c[0] : undefined;
  };
  const pairs: TwinPair[] = [];
  const facts = parsed.facts;
  for (let i = 0; i + 1 < facts.length; i++) {
    const a = facts[i] as Fact;
    const b = facts[i + 1] as Fact;
    // Never merge a struck or deprecated claim with its live translation: they say different things.
    if (!!a.struck !== !!b.struck || !!a.deprecated !== !!b.deprecated || kindClass(a) !== kindClass(b)) continue;
    const la = scriptLanguage(a.text);
    const lb = scriptLanguage(b.text);
    if (!la || !lb || la === lb || !adjacent(a, b, onlyChild)) continue;
    const [ko, en] = la === "ko" ? [a, b] : [b, a];
    const ev = twinEvidence(ko, en);
    if (!ev) continue;
    const [kept, twin] = parsed.language === "ko" ? [ko, en] : [en, ko];
    pairs.push({ kept, twin, anchored: ev.anchored });
    i++;
  }
  // An unanchored pair ("By default every request is implicitly denied." / "기본적으로 ... 거부된다.") is
  // trusted only in a section that visibly translates itself.
  const anchoredIn = new Map<string, number>();
  for (const p of pairs) if (p.anchored) anchoredIn.set(p.kept.topicPath, (anchoredIn.get(p.kept.topicPath) ?? 0) + 1);
  const anchoredInFile = [...anchoredIn.values()].reduce((s, n) => s + n, 0);
  return pairs.filter((p) => p.anchored || ((anchoredIn.get(p.kept.topicPath) ?? 0) >= 1 && anchoredInFile >= MIN_ANCHORED_PAIRS));
}

/** The notes with one fact per twin pair: the other is removed, its children move to the kept fact. */
export function mergeTwins(parsed: ParsedNotes): ParsedNotes {
  const pairs = findTwins(parsed);
  if (pairs.length === 0) return parsed;
  const keptFor = new Map(pairs.map((p) => [p.twin.id, p.kept]));
  const facts: Fact[] = [];
  for (const f of parsed.facts) {
    if (keptFor.has(f.id)) continue;
    const pair = pairs.find((p) => p.kept === f);
    const moved = f.parentId && keptFor.has(f.parentId) ? { parentId: keptFor.get(f.parentId)?.id ?? f.parentId } : {};
    // The kept fact's source covers both halves, so an editor sees the translation too.
    const lines: Fact["lines"] = pair ? [Math.min(f.lines[0], pair.twin.lines[0]), Math.max(f.lines[1], pair.twin.lines[1])] : f.lines;
    facts.push(pair || "parentId" in moved ? { ...f, ...moved, lines } : f);
  }
  const lists = parsed.lists.map((l) => ({ ...l, itemIds: l.itemIds.filter((id) => !keptFor.has(id)) })).filter((l) => l.itemIds.length > 0);
  return { ...parsed, facts, lists };
}
