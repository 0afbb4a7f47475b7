// scenario-use-when: "use X when Y" statements become "which fits this situation?" questions.
// Korean: "...원한다면 ENA를 찾고", "...필요한 경우 클러스터 배치 그룹이 좋은 방법이다", "X를 선택하는 것이 좋다",
// "X는 ...에 추천된다", "사용 사례는 ...". English: "use X when Y", "if you need Y, use X", "X is best for Y".
import type { Fact, GeneratedQuestion } from "../types";
import type { Concept } from "../concepts";
import { maskConcept } from "../concepts";
import { conceptDistractors, NONE_PLAUSIBILITY } from "./distractors";
import { normalizeForMatch, words } from "../text";
import { choiceFit, combine, stemFit } from "../quality";
import { factFit, finishQuestion, isAssertable, type GenContext } from "./shared";
import { findTerms } from "../terms";

export interface UseWhen {
  condition: string;
  /** Up to four words ending with the recommended thing, as written; the resolver picks the longest known name. */
  target: string;
  /** The target is the sentence's subject ("ALB는 ... 때 훌룡하다"): when unknown it means the topic's own concept. */
  subject: boolean;
}

/** Verbs that recommend ("찾아보자", "선택하는 것이 좋다", "사용한다"); "사용해 ... 할 수 있다" only says how. */
const RECOMMEND = "(?:찾|선택|고려|생각|추천|권장|적합|좋|사용(?:한다|된다|해야|하면|하는|하자|하라|할|합니다))";
const RECOMMENDS_AT_END_RE = new RegExp(`${RECOMMEND}[^,]*$`);
/** A particle after the target, then a recommending verb (maybe one word later) or a comma sharing the verb. */
const PARTICLE_RE = new RegExp(`(를|을|이|가|라고)(?=(\\s*,)|\\s*$|\\s+(?:\\S+\\s+)?(${RECOMMEND}\\S*)(\\s+\\S+)?)`, "g");
const COND_END_RE = /(다면|라면|려면|경우(?:에는|에)?|때(?:는)?|하면|으면)(?=\s|,|$)/;
const LEAD_NOISE_RE = /^(요지는|결과적으로|따라서|그래서|즉|결론적으로|시험에서는?|정리하면|단순히)\s*/;

/**
 * Extracts (condition, target) pairs from one sentence. `isName` tells whether a phrase names a known
 * concept: the longest such phrase (up to four words) right before the particle is the target.
 */
export function extractUseWhen(sentence: string, isName: (phrase: string) => boolean = (p) => !/\s/.test(p)): UseWhen[] {
  // Protect quoted phrases: their "려면" is part of the situation, not a clause boundary.
  const quotes: string[] = [];
  const s = sentence.replace(/"[^"]*"|“[^”]*”|'[^']*'/g, (m) => `\u0000${quotes.push(m) - 1}\u0000`);
  const restore = (t: string): string => t.replace(/\u0000(\d+)\u0000/g, (_, i: string) => quotes[Number(i)] ?? "");
  const clean = (t: string): string => restore(t).replace(/^[\s,]+/, "").replace(LEAD_NOISE_RE, "").replace(LEAD_NOISE_RE, "").replace(/\s+/g, " ").replace(/[,\s]+$/, "").trim();

  // "극도의 성능, TCP 또는 UDP, 정적 IP를 보면 NLB라고 생각하면 된다."
  const see = /^(.+?)(?:을|를) 보면 (.+?)(?:이라고|라고) 생각/.exec(s);
  if (see) return [{ condition: clean(see[1] ?? ""), target: restore(see[2] ?? "").trim(), subject: false }];

  // Subject first: "ALB는 ... 보유할 때 훌룡하다", "파티션 배치 그룹의 경우 ... 보유할 때 사용한다", "예약 인스턴스는 ... 응용 프로그램에 추천된다".
  const subj =
    /^(.{1,40}?)(?:은|는|의 경우)\s+(.+?(?:때|경우|위해|용도|작업|프로그램|애플리케이션|워크로드|workload|회사|시스템))(?:에서|에|의)?\s*(?:(?:훌륭|훌룡|좋|적합|추천|권장|유용)\S*다|사용(?:한다|된다|해야\s*한다|하면 된다))/.exec(s);
  // The subject must be a noun phrase ("예약 인스턴스"), not a clause ("스팟 인스턴스를 용량이 있").
  const subject = subj ? restore(subj[1] ?? "").trim() : "";
  if (subj && !subject.split(/\s+/).some((w) => /(를|을|에서|에|로|와|과|가)$/.test(w)) && !/(있|하|되)$/.test(subject)) {
    return [{ condition: clean(subj[2] ?? ""), target: subject, subject: true }];
  }

  // Clauses: "<condition 다면/경우/때> [...] X(를|을|이|가) <recommend verb>" (or "X를," sharing the verb at the end).
  const out: UseWhen[] = [];
  const recommendsAtEnd = RECOMMENDS_AT_END_RE.test(s);
  const particle = PARTICLE_RE;
  let boundary = 0;
  for (const m of s.matchAll(particle)) {
    const at = m.index ?? 0;
    const verb = m[3] ?? "";
    if (m[2] && !recommendsAtEnd) continue;
    if (!m[2] && !verb && at + (m[1]?.length ?? 0) < s.trimEnd().length) continue;
    // "X를 사용한다면" is part of a condition, not a recommendation.
    if (/(다면|라면|려면|하면|으면)$/.test(verb) && !/^\s+(된다|돼|됩니다)/.test(m[4] ?? "")) continue;
    // "EIP를 사용하는 것을 피해야 한다": a negated recommendation is no recommendation.
    const rest = s.slice(at).split(",")[0] ?? "";
    if (/(피해|피하|않|말아|지양|금지|avoid|\bnot\b|n't)/i.test(rest)) continue;
    // "NLB를 사용하는 경우": an adnominal verb modifies a noun of the condition, unless "...하는 것이 좋다".
    if (/(는|은|할|한|던)$/.test(verb) && !/^\s+(것이|것을|게|방법|선택|옵션)/.test(m[4] ?? "")) continue;
    const before = s.slice(boundary, at).replace(/\s+$/, "");
    const wordsBefore = before.split(/\s+/).filter(Boolean);
    let target = "";
    for (let k = Math.min(4, wordsBefore.length); k >= 1 && !target; k--) {
      const phrase = wordsBefore.slice(-k).join(" ");
      if (isName(restore(phrase))) target = phrase;
    }
    if (!target) continue;
    // The condition is what precedes the target in this clause; a leading "찾고," belongs to the previous one.
    const condPart = before.slice(0, before.length - target.length).replace(/^\s*[^\s,]*\s*,\s*/, (x) => (x.includes(",") ? "" : x));
    if (!COND_END_RE.test(condPart)) continue;
    out.push({ condition: clean(condPart), target: restore(target), subject: false });
    boundary = at + (m[1]?.length ?? 0);
  }
  if (out.length > 0) return out;

  // English.
  const en1 = /\buse ([A-Z][\w\- ]{1,40}?) (?:when|if|for) (.+?)[.]?$/i.exec(s);
  if (en1) return [{ condition: clean(en1[2] ?? ""), target: (en1[1] ?? "").trim(), subject: false }];
  const en2 = /\b(?:if|when) (?:you )?(.+?), (?:use|choose|pick) ([A-Z][\w\- ]{1,40}?)\b/i.exec(s);
  if (en2) return [{ condition: clean(en2[1] ?? ""), target: (en2[2] ?? "").trim(), subject: false }];
  const en3 = /^([A-Z][\w\- ]{1,40}?) (?:is|are) (?:best|ideal|recommended|a good fit|suited) for (.+?)[.]?$/i.exec(s);
  if (en3) return [{ condition: clean(en3[2] ?? ""), target: (en3[1] ?? "").trim(), subject: true }];
  return out;
}

/** Sentences with no subject that recommend the topic's own concept: "사용 사례는 ...", "... 작업에 적합하다". */
export function extractImplicitUse(sentence: string): string | null {
  const useCase = /^(?:주요\s*)?사용\s*사례는\s+(.+?)(?:등이 있다|등이다|이다)?\.?$/.exec(sentence) ?? /^(?:typical )?use cases? (?:is|are|include)\s+(.+?)\.?$/i.exec(sentence);
  if (useCase) return useCase[1]?.trim() ?? null;
  // "GWLB는 ... 하려는 경우 사용한다": the subject is named, so it must be the topic's own thing.
  const named = /^.{1,30}?(?:는|은)\s+(.+?(?:하려는|하려고 하는) 경우) 사용한다/.exec(sentence);
  if (named) return named[1]?.trim() ?? null;
  // Any other explicit subject ("X는 ...") may be something else: leave it to extractUseWhen.
  if (/^\S+(?:\s\S+){0,2}?(?:은|는)\s/.test(sentence) && !/^(이것은|이는)\s/.test(sentence)) return null;
  const m =
    /^(?:이것은|이는|주로)?\s*(.+?)(?:에서|에)\s*(?:적합하다|적합함|추천된다|사용된다|유용하다)\.?$/.exec(sentence) ??
    /^(.+?(?:경우|때))\s*사용(?:한다|된다)\.?$/.exec(sentence) ??
    /^(.+?)에서 유용하게 사용될 것이다/.exec(sentence);
  return m?.[1]?.trim() ?? null;
}

const MIN_CONDITION_WORDS = 3;

export function scenarioRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const { concepts } = ctx.index;
  const all = [...concepts.values()].filter((c) => !c.deprecated && !c.overview);
  for (const f of ctx.parsed.facts) {
    if (!isAssertable(ctx, f)) continue;
    const own = conceptOfTopic(ctx, f);
    const pairs: Array<{ condition: string; concept: Concept | undefined; target: string }> = [];
    for (const sentence of f.text.split(/(?<=[.!?])\s+/)) {
      const found = extractUseWhen(sentence, (phrase) => !!resolve(ctx, all, phrase) || isTermTarget(phrase));
      for (const p of found) {
        // An unknown sentence subject ("예약 인스턴스는 ...") is the topic's own concept; an unknown
        // acronym ("ENA") becomes a stand-in concept whose distractors are the section's other terms.
        const concept = resolve(ctx, all, p.target) ?? (p.subject ? own : isTermTarget(p.target) ? termConcept(p.target, f) : undefined);
        pairs.push({ condition: p.condition, concept, target: p.target });
      }
      if (found.length === 0) {
        const cond = extractImplicitUse(sentence);
        if (cond && own) pairs.push({ condition: cond, concept: own, target: own.name });
      }
    }
    pairs.forEach((p, k) => {
      if (!p.concept || words(p.condition).length < MIN_CONDITION_WORDS) return;
      const answer = p.concept;
      const condition = maskConcept(p.condition, answer, ctx.w.blank);
      const distractors = answer.key.startsWith("term:") ? termDistractors(ctx, answer, condition, f, pairs.map((x) => x.target)) : conceptDistractors(ctx, answer, condition, f.id, { fill: true, broad: true }).map((p) => ({ c: p.concept, plausibility: p.plausibility }));
      if (distractors.length < 2) return;
      const none = distractors.length < 3;
      out.push(
        finishQuestion(ctx, {
          rule: "scenario-use-when",
          type: "single",
          topicPath: f.topicPath,
          stem: ctx.w.scenario(condition, kindOf(ctx, answer)),
          options: [
            { text: answer.name, correct: true },
            ...distractors.map((d) => ({ text: d.c.name, correct: false })),
            ...(none ? [{ text: ctx.w.noneText, correct: false, last: true }] : []),
          ],
          explanation: ctx.w.explainScenario(answer.name, f.text),
          facts: [f],
          lines: f.lines,
          headingPath: f.headingPath,
          quality: combine("scenario-use-when", stemFit(condition), factFit(f), choiceFit([...distractors.map((d) => d.plausibility), ...(none ? [NONE_PLAUSIBILITY] : [])], answer.name, distractors.map((d) => d.c.name))),
          variant: `${k}`,
        }),
      );
    });
  }
  return out;
}

const nameIndexCache = new WeakMap<GenContext, Map<string, Concept>>();

/** Normalized name → concept (the longer name wins a clash), built once per generation. */
function nameIndex(ctx: GenContext, all: Concept[]): Map<string, Concept> {
  let idx = nameIndexCache.get(ctx);
  if (!idx) {
    idx = new Map();
    for (const c of all) {
      for (const n of [...c.maskNames, ...c.shortNames]) {
        const nn = normalizeForMatch(n);
        if (nn.length >= 2 && !idx.has(nn)) idx.set(nn, c);
      }
    }
    nameIndexCache.set(ctx, idx);
  }
  return idx;
}

/** The concept a written target names exactly. */
function resolve(ctx: GenContext, all: Concept[], target: string): Concept | undefined {
  const t = normalizeForMatch(target);
  return t ? nameIndex(ctx, all).get(t) : undefined;
}

function conceptOfTopic(ctx: GenContext, f: Fact): Concept | undefined {
  const key = ctx.index.conceptOfFact.get(f.id) ?? ctx.index.conceptOfTopic.get(f.topicPath);
  const c = key ? ctx.index.concepts.get(key) : undefined;
  return c && !c.deprecated && !c.overview ? c : undefined;
}

/** A single English term ("ENA", "EFA", "AMI") can be a scenario answer even when no heading names it. */
function isTermTarget(phrase: string): boolean {
  return /^[A-Za-z][A-Za-z0-9-]{1,30}$/.test(phrase) && (/^[A-Z0-9-]{2,8}$/.test(phrase) || /[a-z][A-Z]/.test(phrase));
}

function termConcept(term: string, f: Fact): Concept {
  return {
    key: `term:${term}`,
    name: term,
    maskNames: [term],
    shortNames: [],
    cores: [normalizeForMatch(term)],
    factIds: [f.id],
    topicPaths: [f.topicPath],
    firstLine: f.lines[0],
    deprecated: false,
    overview: false,
  };
}

/** The section a fact belongs to: its ancestor just below the document root (or itself). */
function sectionOf(ctx: GenContext, path: string): string {
  let t = ctx.topicByPath.get(path);
  while (t?.parentPath) {
    const parent = ctx.topicByPath.get(t.parentPath);
    if (!parent?.parentPath) break;
    t = parent;
  }
  return t?.path ?? path;
}

/** Distractors for a term answer: other targets of the same sentence, then the section's other acronyms. */
function termDistractors(ctx: GenContext, answer: Concept, condition: string, f: Fact, sameSentence: string[]): Array<{ c: Concept; plausibility: number }> {
  const out: Array<{ c: Concept; plausibility: number }> = [];
  const taken = new Set([normalizeForMatch(answer.name)]);
  const push = (name: string, plausibility: number): void => {
    const n = normalizeForMatch(name);
    if (out.length >= 3 || taken.has(n) || normalizeForMatch(condition).includes(n) || !isTermTarget(name)) return;
    taken.add(n);
    out.push({ c: termConcept(name, f), plausibility });
  };
  for (const t of sameSentence) push(t, 1);
  const section = sectionOf(ctx, f.topicPath);
  const counts = new Map<string, number>();
  for (const g of ctx.parsed.facts) {
    if (sectionOf(ctx, g.topicPath) !== section) continue;
    for (const h of findTerms(g.text, ctx.terms)) counts.set(h.answers[0] ?? "", (counts.get(h.answers[0] ?? "") ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [name] of ranked) push(name, 0.8);
  return out;
}

/** What the choices are, without naming the answer: its narrowest group's title. */
function kindOf(ctx: GenContext, answer: Concept): string {
  const groups = (ctx.index.groupsOf.get(answer.key) ?? [])
    .map((id) => ctx.groupById.get(id))
    .filter((g) => !!g && !g.broad)
    .sort((a, b) => (a?.members.length ?? 0) - (b?.members.length ?? 0));
  const title = groups[0]?.title ?? "";
  return title && !normalizeForMatch(title).includes(normalizeForMatch(answer.name)) ? title : "";
}
