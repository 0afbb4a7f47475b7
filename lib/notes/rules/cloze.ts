// Cloze rules: blank out a key English term (cloze-term) or a number with its unit (cloze-number).
import type { GeneratedQuestion } from "../types";
import { answerVariants, findNumbers, findTerms, maskAll } from "../terms";
import { normalizeForMatch, words } from "../text";
import { clozeQuality } from "../quality";
import { contextOf, factFit, finishQuestion, isAssertable, topicLabel, type GenContext } from "./shared";

/** At least this many words must remain around the blank, or the sentence gives no clue. */
const MIN_CONTEXT_WORDS = 4;

export function clozeTermRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const f of ctx.parsed.facts) {
    if (!isAssertable(ctx, f) || f.text.length > 220) continue;
    const title = normalizeForMatch(topicLabel(ctx, f.topicPath));
    const context = contextOf(ctx, f);
    const normContext = normalizeForMatch(context);
    // The stem shows the topic and bullet context: a term named there would give the answer away.
    const hits = findTerms(f.text, ctx.terms, f.term).filter((h) => h.salience >= 2 && !h.answers.some((a) => title.includes(normalizeForMatch(a)) || normContext.includes(normalizeForMatch(a))));
    const best = hits.sort((a, b) => b.salience - a.salience || a.start - b.start)[0];
    if (!best) continue;
    let masked = maskAll(f.text, best.text, ctx.w.blank);
    for (const a of best.answers) masked = maskAll(masked, a, ctx.w.blank);
    if (words(masked.replaceAll(ctx.w.blank, " ")).length < MIN_CONTEXT_WORDS) continue;
    out.push(
      finishQuestion(ctx, {
        rule: "cloze-term",
        type: "cloze",
        topicPath: f.topicPath,
        stem: ctx.w.cloze(context, masked),
        options: [],
        accepted: answerVariants(best.answers),
        explanation: ctx.w.explainCloze(best.answers.join(" / "), f.text),
        facts: [f],
        lines: f.lines,
        headingPath: f.headingPath,
        quality: clozeQuality(masked, best.salience / 6, factFit(f)),
      }),
    );
  }
  return out;
}

export function clozeNumberRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const f of ctx.parsed.facts) {
    if (!isAssertable(ctx, f) || f.text.length > 220) continue;
    const hits = findNumbers(f.text);
    const best = [...hits].sort((a, b) => b.salience - a.salience || a.start - b.start)[0];
    if (!best) continue;
    // A blank keeps the unit visible ("최대 ____Gbps"), like the exam's fill-in items.
    const blanked = `${ctx.w.blank}${best.unit ? (best.text.includes(" ") ? " " : "") + best.unit : ""}`;
    const masked = f.text.split(best.text).join(blanked);
    if (words(masked.replaceAll(ctx.w.blank, " ")).length < MIN_CONTEXT_WORDS) continue;
    const plain = best.value.replace(/,/g, "");
    const accepted = [...new Set([best.value, plain, best.unit ? `${best.value}${best.unit}` : "", best.unit ? `${best.value} ${best.unit}` : ""].filter(Boolean))];
    out.push(
      finishQuestion(ctx, {
        rule: "cloze-number",
        type: "cloze",
        topicPath: f.topicPath,
        stem: ctx.w.cloze(contextOf(ctx, f), masked),
        options: [],
        accepted,
        explanation: ctx.w.explainCloze(best.text, f.text),
        facts: [f],
        lines: f.lines,
        headingPath: f.headingPath,
        quality: clozeQuality(masked, best.salience / 3, factFit(f)),
      }),
    );
  }
  return out;
}
