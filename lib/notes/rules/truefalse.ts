// True/false rules.
//   truefalse-corrected: a struck-out claim (with the author's correction) → answer false.
//   truefalse-statement: an ordinary fact → answer true (never a struck, deprecated or skipped fact).
//   truefalse-number-swap: a fact with one number changed to another value of the same unit → answer false.
//   truefalse-sibling-swap (sibling-swap.ts): a fact said of a sibling concept instead → answer false.
import type { Fact, GeneratedQuestion } from "../types";
import { findNumbers, type NumberHit } from "../terms";
import { seededShuffle } from "../hash";
import { contentWords, similarity, words } from "../text";
import { combine, stemFit } from "../quality";
import { contextOf, editorSkipped, factFit, finishQuestion, isAssertable, startsDeictic, type GenContext } from "./shared";

const MIN_WORDS = 5;
const MAX_CHARS = 200;

export function tfOptions(ctx: GenContext, answerTrue: boolean): Array<{ text: string; correct: boolean }> {
  return [
    { text: ctx.w.trueText, correct: answerTrue },
    { text: ctx.w.falseText, correct: !answerTrue },
  ];
}

export function trueFalseCorrectedRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const f of ctx.parsed.facts) {
    if (f.kind !== "struck" || !f.struck || editorSkipped(ctx, f)) continue;
    const topic = ctx.topicByPath.get(f.topicPath);
    if (!topic) continue;
    const end = Math.min(topic.lines[1], f.struck.correctionLines?.[1] ?? f.lines[1]);
    out.push(
      finishQuestion(ctx, {
        rule: "truefalse-corrected",
        type: "truefalse",
        topicPath: f.topicPath,
        stem: ctx.w.isTrue(contextOf(ctx, f), f.text),
        options: tfOptions(ctx, false),
        fixedOrder: true,
        explanation: ctx.w.explainStruck(f.struck.correction),
        facts: [f],
        lines: [f.lines[0], Math.max(f.lines[0], end)],
        headingPath: f.headingPath,
        quality: combine("truefalse-corrected", stemFit(f.text), factFit(f)),
      }),
    );
  }
  return out;
}

/** A complete sentence ("...한다.", "...있음"), not a fragment of a list ("...인 경우", "...하기"). */
const COMPLETE_RE = /([.!。]|다|음|함|됨|임|능)\)?$/;

export function statementUsable(ctx: GenContext, f: Fact): boolean {
  return (
    isAssertable(ctx, f) &&
    f.kind !== "example" &&
    words(f.text).length >= MIN_WORDS &&
    f.text.length <= MAX_CHARS &&
    !startsDeictic(f.text) &&
    COMPLETE_RE.test(f.text.trim())
  );
}

export function trueFalseStatementRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const f of ctx.parsed.facts) {
    if (!statementUsable(ctx, f)) continue;
    out.push(
      finishQuestion(ctx, {
        rule: "truefalse-statement",
        type: "truefalse",
        topicPath: f.topicPath,
        stem: ctx.w.isTrue(contextOf(ctx, f), f.text),
        options: tfOptions(ctx, true),
        fixedOrder: true,
        explanation: ctx.w.explainTrue(f.text),
        facts: [f],
        lines: f.lines,
        headingPath: f.headingPath,
        quality: combine("truefalse-statement", stemFit(f.text), factFit(f)),
      }),
    );
  }
  return out;
}

/** Other values written with the same unit in the notes: realistic wrong numbers. */
/** A value written with a unit, and the first line that states it. */
export interface UnitValue {
  value: string;
  line: number;
}

function valuesByUnit(ctx: GenContext): Map<string, UnitValue[]> {
  const m = new Map<string, UnitValue[]>();
  for (const f of ctx.parsed.facts) {
    if (!isAssertable(ctx, f)) continue;
    for (const h of findNumbers(f.text)) {
      if (!h.unit) continue;
      const list = m.get(h.unit) ?? [];
      if (!list.some((v) => v.value === h.value)) list.push({ value: h.value, line: f.lines[0] });
      m.set(h.unit, list);
    }
  }
  return m;
}

const num = (v: string): number => Number(v.replace(/,/g, ""));

/** A wrong value this many times off the true one (either way) is implausible ("up to 1 TB" for 16 TiB). */
const MAX_RATIO = 10;
/** A number this close to another number with a unit restates it ("300초로 5분", "3시간(3600초)"). */
const CONVERSION_GAP = 8;
const AFTER_RANGE_RE = /^\s*(?:to|through|and|or|-|–|~|에서|부터|이나|또는)\s*\d/i;
const BEFORE_RANGE_RE = /(?:\d\s?[^\s\d]{0,8}\s*(?:up\s+)?(?:to|through|and|or|-|–|~|에서|부터|이나|또는)|\b(?:from|between))\s*$/i;
/** What may follow a one-syllable Korean unit: a particle or suffix ("3일간", "7일 이내"), not more of a word ("2주소"). */
const KO_UNIT_FOLLOW_RE = /^(?:[\s.,)\]]|$|[이가은는을를의에도만와과로으간동마후전째씩당까부내])/;
/** Two sentences this alike once their numbers are removed state the same thing (a restatement, an old value). */
const SAME_THING_MIN_SIMILARITY = 0.6;
const SAME_THING_MAX_WORD_DIFFERENCE = 2;
const PORT_RE = /(?:포트|port)\s*$/i;

/** Units one value can be restated in ("3시간(10800초)", "1 TiB = 1,024 GiB"). */
function dimension(unit: string): "time" | "size" | null {
  if (/^(?:ms|밀리초|초|분|시간|일|개월|주|년|seconds?|secs?|minutes?|mins?|hours?|days?|years?|months?)$/i.test(unit)) return "time";
  if (/^(?:GiB|TiB|GB|MB|KB|TB|PB)$/.test(unit)) return "size";
  return null;
}

/** Numbers safe to change: not a range end ("1 to 7 days"), a port, or one side of a unit conversion. */
function swappableHits(text: string): NumberHit[] {
  const all = findNumbers(text);
  const withUnit = all.filter((h) => h.unit);
  return withUnit.filter((h) => {
    const before = text.slice(0, h.start);
    const after = text.slice(h.end);
    if (AFTER_RANGE_RE.test(after) || BEFORE_RANGE_RE.test(before) || PORT_RE.test(before.slice(-8)) || /^\s*포트/.test(after)) return false;
    // A year ("2025년 6월부터") is a date, not a quantity; a unit glued to more Hangul is part of a word.
    if (/^(?:년|years?)$/i.test(h.unit) && /^(?:19|20)\d\d$/.test(h.value)) return false;
    if (/^[\uac00-\ud7a3]$/.test(h.unit) && !KO_UNIT_FOLLOW_RE.test(after)) return false;
    return !withUnit.some(
      (o) => o !== h && o.unit !== h.unit && dimension(o.unit) !== null && dimension(o.unit) === dimension(h.unit) && (Math.abs(o.start - h.end) <= CONVERSION_GAP || Math.abs(h.start - o.end) <= CONVERSION_GAP),
    );
  });
}

/** Text of a fact without its numbers: what the numbers are about. */
function withoutNumbers(text: string): string {
  return text.replace(/\d[\d,.]*/g, " ");
}

/**
 * Wrong values for `hit`, most plausible first: other values the notes give with the same unit, near the
 * true one (a percentage stays under 100%), never one the notes state for the same thing elsewhere.
 */
export function wrongValues(ctx: GenContext, f: Fact, hit: NumberHit, stated: readonly UnitValue[]): string[] {
  const n = num(hit.value);
  const present = findNumbers(f.text).map((h) => num(h.value));
  const plausible = (v: number): boolean =>
    !present.includes(v) && v > 0 && (n === 0 || (v / n <= MAX_RATIO && n / v <= MAX_RATIO)) && !(hit.unit === "%" || hit.unit === "퍼센트" || hit.unit === "percent" ? v >= 100 && n < 100 : false);
  // Values stated above the fact come first: notes that grow at the end then keep asking the same wrong value.
  const nearest = (vs: readonly UnitValue[]): string[] =>
    vs
      .map((v) => v.value)
      .filter((v) => plausible(num(v)))
      .sort((a, b) => Math.abs(Math.log(num(a) / n)) - Math.abs(Math.log(num(b) / n)) || num(a) - num(b));
  const above = nearest(stated.filter((v) => v.line <= f.lines[0]));
  const below = nearest(stated.filter((v) => v.line > f.lines[0]));
  const fromAbove = [...seededShuffle(above.slice(0, 3), f.id), ...above.slice(3)];
  const fromBelow = [...seededShuffle(below.slice(0, 3), f.id), ...below.slice(3)];
  // No value with this unit above the fact: double it (halve 50% and above to stay plausible) before
  // reaching for one stated further down, which a longer version of the notes could change.
  const derived = String(hit.unit === "%" && n >= 50 ? Math.round(n / 2) : n * 2);
  const candidates = [...fromAbove, ...(fromAbove.length === 0 && plausible(num(derived)) ? [derived] : []), ...fromBelow];
  const rest = withoutNumbers(f.text);
  const restWords = contentWords(rest);
  // The same thing: a sentence alike once numbers are removed, differing in at most a couple of words
  // ("Until 2025 the maximum object size was 5 TB"); "Advanced 티어: 유료, 최대 100,000개" is another thing.
  const sameThing = (g: Fact): boolean => {
    const other = withoutNumbers(g.text);
    if (similarity(other, rest) < SAME_THING_MIN_SIMILARITY) return false;
    const gWords = contentWords(other);
    const differing = [...gWords].filter((w) => !restWords.has(w)).length + [...restWords].filter((w) => !gWords.has(w)).length;
    return differing <= SAME_THING_MAX_WORD_DIFFERENCE;
  };
  return candidates.filter((v) => !ctx.parsed.facts.some((g) => g.id !== f.id && findNumbers(g.text).some((h) => h.unit === hit.unit && num(h.value) === num(v)) && sameThing(g)));
}

const EN_TIME_UNIT_RE = /^(second|sec|minute|min|hour|day|week|month|year)s?$/i;

/** "1 hour" → "2 hours", "7 days" → "1 day". */
function withValue(hit: NumberHit, value: string): string {
  const swapped = hit.text.replace(hit.value, value);
  const m = EN_TIME_UNIT_RE.exec(hit.unit);
  if (!m) return swapped;
  const unit = num(value) === 1 ? (m[1] ?? hit.unit) : `${m[1] ?? hit.unit}s`;
  return swapped.slice(0, swapped.length - hit.unit.length) + unit;
}

export function trueFalseNumberSwapRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const pools = valuesByUnit(ctx);
  for (const f of ctx.parsed.facts) {
    if (!statementUsable(ctx, f)) continue;
    // Three or more numbers often add up ("1,000 registered, 2 down, 998 healthy"): one changed value breaks the sum, not the fact.
    if (findNumbers(f.text).length >= 3) continue;
    const hit = swappableHits(f.text).sort((a, b) => b.salience - a.salience || a.start - b.start)[0];
    // Only when the value occurs once: changing one of two equal numbers makes a muddled sentence.
    if (!hit || f.text.split(hit.text).length !== 2) continue;
    const alt = wrongValues(ctx, f, hit, pools.get(hit.unit) ?? [])[0];
    if (!alt) continue;
    const claim = `${f.text.slice(0, hit.start)}${withValue(hit, alt)}${f.text.slice(hit.end)}`;
    out.push(
      finishQuestion(ctx, {
        rule: "truefalse-number-swap",
        type: "truefalse",
        topicPath: f.topicPath,
        stem: ctx.w.isTrue(contextOf(ctx, f), claim),
        options: tfOptions(ctx, false),
        fixedOrder: true,
        explanation: ctx.w.explainNumberSwap(f.text),
        facts: [f],
        lines: f.lines,
        headingPath: f.headingPath,
        quality: combine("truefalse-number-swap", stemFit(claim), factFit(f), hit.salience >= 3 ? 1 : 0.85),
        variant: alt,
      }),
    );
  }
  return out;
}
