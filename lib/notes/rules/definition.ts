// definition-single: a list of definitions ("**Amazon Redshift** - columnar data warehouse",
// "SQS: a managed queue") asks which term one definition belongs to, with the list's other
// terms as the distractors: things of one kind, chosen by the author to be told apart.
import type { Fact, GeneratedQuestion } from "../types";
import { seededShuffle } from "../hash";
import { normalizeForMatch, similarity, words } from "../text";
import { choiceFit, combine, stemFit } from "../quality";
import { DISTINCT_MAX_SIMILARITY } from "./single-sibling";
import { factFit, finishQuestion, isAssertable, topicLabel, type GenContext } from "./shared";

const MIN_TERMS = 3;
const DISTRACTORS = 3;
const MIN_BODY_WORDS = 3;
const MAX_TERM_WORDS = 5;

type Definition = { f: Fact; term: string; body: string };

/**
 * A term reads as a name: no sentence punctuation, and a Korean one not cut from a clause
 * ("시험에서 알면 좋" of "…좋은 것은:", "…만든다. 예" of "…만든다. 예: /app/db").
 */
function nameLike(term: string): boolean {
  if (/[.。!?！？]/.test(term)) return false;
  if (/[A-Za-z0-9]/.test(term)) return true;
  return !/(?:다|요|음|함|됨|좋|면|고|서|며|예|에서)$/.test(term) && !/(?:에서|하면|하고)\s/.test(term);
}

/** The definition's body: the text after its term and the separator. */
function bodyOf(f: Fact): string | null {
  const term = f.term;
  if (!term || !f.text.startsWith(term)) return null;
  const body = f.text.slice(term.length).replace(/^\s*(?:[-–—:：]|은|는|이란|란)\s*/, "").trim();
  return words(body).length >= MIN_BODY_WORDS ? body : null;
}

/** A word of the term (its distinctive part) seen in the text: the definition would give it away. */
function names(text: string, term: string): boolean {
  const hay = ` ${normalizeForMatch(text)} `;
  const generic = new Set(["amazon", "aws", "the", "a", "an", "of", "for"]);
  return term
    .split(/[\s/()]+/)
    .map((w) => normalizeForMatch(w))
    .filter((w) => w.length >= 2 && !generic.has(w))
    .some((w) => hay.includes(` ${w} `) || hay.includes(` ${w}`));
}

const GENERIC_WORDS = new Set(["amazon", "aws", "the", "a", "an", "of", "for", "and", "or"]);
const contentWords = (term: string): string[] =>
  term
    .toLowerCase()
    .split(/[\s/()\-]+/)
    .filter((w) => w.length >= 2 && !GENERIC_WORDS.has(w));

/** Acronym, mixed case, a digit, or two capitalised words: "Global secondary index (GSI)", "Shield Advanced". */
const PRODUCT_LIKE_RE = /[A-Z]{2,}|[a-z][A-Z]|\d|(?:^|\s)[A-Z][\w-]*\s+[A-Z]/;

/**
 * A distractor of the key's kind: beside a product-like name ("Local secondary index (LSI)"), a
 * plain phrase ("Default quota") counts only if it shares a word with it.
 */
function sameKind(key: string, other: string): boolean {
  if (!PRODUCT_LIKE_RE.test(key) || PRODUCT_LIKE_RE.test(other)) return true;
  const words = new Set(contentWords(key));
  return contentWords(other).some((w) => words.has(w));
}

export function definitionRule(ctx: GenContext): GeneratedQuestion[] {
  const byList = new Map<string, Definition[]>();
  for (const f of ctx.parsed.facts) {
    if (f.kind !== "definition" || !f.listId || !f.term || !isAssertable(ctx, f)) continue;
    if (words(f.term).length > MAX_TERM_WORDS || !nameLike(f.term)) continue;
    const body = bodyOf(f);
    if (!body) continue;
    byList.set(f.listId, [...(byList.get(f.listId) ?? []), { f, term: f.term, body }]);
  }
  const out: GeneratedQuestion[] = [];
  for (const [listId, all] of byList) {
    // One definition per term; terms that differ only in case or spacing are the same term.
    const seen = new Set<string>();
    const defs = all.filter((d) => !seen.has(normalizeForMatch(d.term)) && seen.add(normalizeForMatch(d.term)));
    if (defs.length < MIN_TERMS) continue;
    for (const d of defs) {
      const others = defs.filter((o) => o !== d && sameKind(d.term, o.term));
      if (others.length < 2) continue;
      // The body must name none of the terms, and no other definition may read like it.
      if (defs.some((o) => names(d.body, o.term))) continue;
      if (others.some((o) => similarity(o.body, d.body) >= DISTINCT_MAX_SIMILARITY)) continue;
      const picked = seededShuffle(others, `${listId}|${d.f.id}`).slice(0, DISTRACTORS);
      const none = picked.length < DISTRACTORS;
      const options = [
        { text: d.term, correct: true },
        ...picked.map((o) => ({ text: o.term, correct: false })),
        ...(none ? [{ text: ctx.w.noneText, correct: false, last: true }] : []),
      ];
      out.push(
        finishQuestion(ctx, {
          rule: "definition-single",
          type: "single",
          topicPath: d.f.topicPath,
          stem: ctx.w.whichDescribed(d.body, topicLabel(ctx, d.f.topicPath)),
          options,
          explanation: [ctx.w.explainAnswerIs(d.term, d.f.text), ...picked.map((o) => ctx.w.explainOther(o.term, o.f.text))].join("\n"),
          facts: [d.f],
          lines: d.f.lines,
          headingPath: d.f.headingPath,
          quality: combine("definition-single", stemFit(d.body), factFit(d.f), choiceFit(picked.map(() => 0.9), d.term, picked.map((o) => o.term))),
        }),
      );
    }
  }
  return out;
}
