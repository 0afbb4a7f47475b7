// True/false rules.
//   truefalse-corrected: a struck-out claim (with the author's correction) → answer false.
//   truefalse-statement: an ordinary fact → answer true (never a struck, deprecated or skipped fact).
//   truefalse-number-swap: a fact with one number changed to another value of the same unit → answer false.
import type { Fact, GeneratedQuestion } from "../types";
import { findNumbers, type NumberHit } from "../terms";
import { seededPick } from "../hash";
import { words } from "../text";
import { combine, stemFit } from "../quality";
import { contextOf, editorSkipped, factFit, finishQuestion, isAssertable, startsDeictic, type GenContext } from "./shared";

const MIN_WORDS = 5;
const MAX_CHARS = 200;

function tfOptions(ctx: GenContext, answerTrue: boolean): Array<{ text: string; correct: boolean }> {
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

function statementUsable(ctx: GenContext, f: Fact): boolean {
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
function valuesByUnit(ctx: GenContext): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of ctx.parsed.facts) {
    if (!isAssertable(ctx, f)) continue;
    for (const h of findNumbers(f.text)) {
      if (!h.unit) continue;
      const list = m.get(h.unit) ?? [];
      if (!list.includes(h.value)) list.push(h.value);
      m.set(h.unit, list);
    }
  }
  for (const list of m.values()) list.sort((a, b) => Number(a.replace(/,/g, "")) - Number(b.replace(/,/g, "")));
  return m;
}

function alternative(hit: NumberHit, pool: string[], key: string): string {
  const others = pool.filter((v) => Number(v.replace(/,/g, "")) !== Number(hit.value.replace(/,/g, "")));
  const picked = seededPick(others, key);
  if (picked) return picked;
  const n = Number(hit.value.replace(/,/g, ""));
  // No other value with this unit in the notes: double it (halve 100% and above to stay plausible).
  return String(hit.unit === "%" && n >= 50 ? Math.round(n / 2) : n * 2);
}

export function trueFalseNumberSwapRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const pools = valuesByUnit(ctx);
  for (const f of ctx.parsed.facts) {
    if (!statementUsable(ctx, f)) continue;
    const hits = findNumbers(f.text).filter((h) => h.unit);
    const hit = [...hits].sort((a, b) => b.salience - a.salience || a.start - b.start)[0];
    // Only when the value occurs once: changing one of two equal numbers makes a muddled sentence.
    if (!hit || f.text.split(hit.text).length !== 2) continue;
    // The wrong value must not repeat another number of the sentence ("1년이나 3년" → "3년이나 3년").
    const present = findNumbers(f.text).map((h) => Number(h.value.replace(/,/g, "")));
    const pool = (pools.get(hit.unit) ?? []).filter((v) => !present.includes(Number(v.replace(/,/g, ""))));
    const alt = alternative(hit, pool, f.id);
    if (present.includes(Number(alt))) continue;
    const claim = `${f.text.slice(0, hit.start)}${hit.text.replace(hit.value, alt)}${f.text.slice(hit.end)}`;
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
