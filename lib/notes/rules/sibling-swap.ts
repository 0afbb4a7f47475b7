// truefalse-sibling-swap: a fact that names one concept, said of a sibling concept instead → answer false.
// "Cluster placement groups put instances in one AZ" → "Spread placement groups put instances in one AZ".
// Siblings are concepts of one narrow group (sections under one parent, naming bullets of one list, bold
// labels of one section) or the defined terms of one list ("gp3: ...", "io2: ..."). A swap is made only
// when nothing in the notes says the swapped claim of the sibling (see trueElsewhere).
import type { Fact, GeneratedQuestion } from "../types";
import { isGenericName, mentions, nameAffinity, nameRegExp, type Concept } from "../concepts";
import { seededShuffle } from "../hash";
import { charBigrams, containment, contentWords, escapeRegExp, hasHangul, mainPart, normalizeForMatch, parenthetical, scriptOf, similarity, words } from "../text";
import { combine, stemFit } from "../quality";
import { contextOf, factFit, finishQuestion, isAssertable, topicLabel, type GenContext } from "./shared";
import { DISTINCT_MAX_SIMILARITY } from "./single-sibling";
import { statementUsable, tfOptions } from "./truefalse";

/** A nameable thing and the ways the notes write it. */
export interface SwapTerm {
  key: string;
  name: string;
  /** Every spelling to look for (full names, translations, short names), longest first. */
  names: string[];
  /** Short distinguishing names ("Cluster" of "Cluster Placement Group"). */
  shortNames: string[];
  /** Facts that describe it (they may not name it). */
  factIds: string[];
  concept?: Concept;
}

export interface SwapGroup {
  id: string;
  title: string;
  members: SwapTerm[];
  /** Members are only siblings when their names share a word ("S3 Standard-IA" / "S3 One Zone-IA"). */
  sameKindByName?: boolean;
}

/** "TCP and UDP", "자격 증명과 감사", "Roles and temporary credentials": two things, not one concept. */
const COMPOUND_NAME_RE = /\s(?:and|or|vs\.?|&|및|그리고)\s|[\uac00-\ud7a3](?:와|과)\s|[,/]/i;

/** The rest of a sentence (the term removed) shares this share of its words with something said of the sibling: maybe true of it too. */
export const ELSEWHERE_MIN_CONTAINMENT = 0.5;
/** Safety net for inflected (Korean) wording: this much of the rest's character bigrams in a sibling's fact. */
export const ELSEWHERE_MAX_BIGRAM_CONTAINMENT = 0.7;
const MAX_TERM_WORDS = 4;
const MAX_TERM_CHARS = 40;

function fromConcept(c: Concept): SwapTerm {
  const names = [...new Set([...c.maskNames, ...c.shortNames])].sort((a, b) => b.length - a.length);
  return { key: c.key, name: c.name, names, shortNames: c.shortNames, factIds: c.factIds, concept: c };
}

/** "gp3", "Standard-IA (Infrequent Access)": a defined term short enough to be a name, not a clause. */
function termLike(term: string): boolean {
  return term.length <= MAX_TERM_CHARS && words(term).length <= MAX_TERM_WORDS && !isGenericName(term) && !/[.,;!?]/.test(term) && /[\p{L}]/u.test(term);
}

function fromTerm(f: Fact, term: string): SwapTerm {
  const names = [term, mainPart(term), parenthetical(term) ?? ""].map((n) => n.trim()).filter((n) => n.length >= 2);
  return { key: `term:${f.id}`, name: mainPart(term), names: [...new Set(names)].sort((a, b) => b.length - a.length), shortNames: [], factIds: [f.id] };
}

/** Narrow concept groups, then lists whose items define three or more terms. */
export function swapGroups(ctx: GenContext): SwapGroup[] {
  const out: SwapGroup[] = [];
  for (const g of ctx.index.groups) {
    if (g.broad) continue;
    const members = g.members.map((m) => ctx.index.concepts.get(m)).filter((c): c is Concept => !!c && !c.deprecated && !c.overview && !COMPOUND_NAME_RE.test(` ${c.name} `));
    // The sections of a whole document ("IAM basics", "Policies", "Roles") are parts of a course, not things of one kind.
    const parent = ctx.topicByPath.get(g.topicPath);
    const sectionsOfDocument = g.kind === "topics" && (!parent || parent.depth <= 1);
    if (members.length >= 2) out.push({ id: g.id, title: g.title, members: members.map(fromConcept), sameKindByName: sectionsOfDocument });
  }
  for (const l of ctx.parsed.lists) {
    const defs = l.itemIds
      .map((id) => ctx.factById.get(id))
      .filter((f): f is Fact => !!f && !f.deprecated && !f.struck && f.kind !== "struck" && !!f.term && termLike(f.term))
      // Only "term: description" items: a Korean "X는 ...이다" subject is too often a clause ("시험에서 알면 좋은 것은").
      .filter((f) => new RegExp(`^${escapeRegExp(f.term ?? "")}\\s*[:：]\\s`).test(f.text));
    const uniq = new Map(defs.map((f) => [normalizeForMatch(f.term ?? ""), f]));
    if (uniq.size < 3) continue;
    const members = [...uniq.values()].filter((f) => !COMPOUND_NAME_RE.test(` ${f.term ?? ""} `));
    if (members.length >= 3) out.push({ id: l.id, title: topicLabel(ctx, l.topicPath), members: members.map((f) => fromTerm(f, f.term ?? "")) });
  }
  return out;
}

function termMentioned(text: string, t: SwapTerm): boolean {
  if (t.concept) return mentions(text, t.concept);
  return t.names.some((n) => nameRegExp(n).test(text));
}

/** Named at all, also before a particle the name matcher does not know ("패치 베이스라인에만"). */
function namedLoosely(text: string, t: SwapTerm): boolean {
  if (termMentioned(text, t)) return true;
  const flat = text.toLowerCase().replace(/\s+/g, "");
  return t.names.some((n) => hasHangul(n) && n.replace(/\s+/g, "").length >= 2 && flat.includes(n.toLowerCase().replace(/\s+/g, "")));
}

/** Where the text names the term: the longest spelling that occurs. */
function firstMention(text: string, t: SwapTerm): { name: string; start: number; end: number } | null {
  for (const n of t.names) {
    const m = nameRegExp(n).exec(text);
    if (m) return { name: n, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

const PARTICLE_AFTER_RE = /^(?:은|는|이|가|을|를|의|에|에서|와|과|로|으로|도|만|이다|이며|라고|란|이란|에는|과의|와의)(?![\p{L}\p{N}])/u;

/**
 * The mention is a whole name, not part of a bigger one: not "AWS 관리형 정책", "Reserved Instance Marketplace",
 * "Automation 런북", and a short name ("Cluster", "파티션") only as the sentence's opening subject.
 */
export function standsAlone(text: string, at: { name: string; start: number; end: number }, short: boolean): boolean {
  if (short && at.start > 0) return false;
  const before = text.slice(0, at.start);
  const after = text.slice(at.end);
  const particle = PARTICLE_AFTER_RE.test(after);
  if (!particle && /^\s+[\uac00-\ud7a3A-Z0-9]/.test(after)) return false;
  // In a Korean sentence an English word right after the name is part of it ("스팟 플릿 request").
  if (!particle && hasHangul(text) && /^\s+[a-z]/.test(after)) return false;
  if (!particle && /^[-\p{L}\p{N}]/u.test(after)) return false;
  if (before && !/[\s("“'‘]$/.test(before)) return false;
  const prev = /(\S+)\s+$/.exec(before)?.[1] ?? "";
  if (/^[A-Z][\w-]*$/.test(prev) && !/^(?:A|An|The|Use|Unlike|With|Only|Each|Every)$/.test(prev)) return false;
  // A Korean word before the name must end a phrase (a particle, a clause ending, "경우"), not modify it ("관리형 정책", "사용자 정의 패치").
  if (/[\uac00-\ud7a3]$/.test(prev) && (!/(?:은|는|이|가|을|를|의|에|도|로|와|과|며|고|서|면|나|만|요|다|경우|때)$/.test(prev) || /(?:정의|주의)$/.test(prev))) return false;
  return true;
}

/** The sibling's spelling that matches the one used: short for short, Korean for Korean, English for English. */
function replacementName(used: string, from: SwapTerm, to: SwapTerm): string | null {
  const script = scriptOf(used);
  if (from.shortNames.includes(used)) return to.shortNames.find((n) => scriptOf(n) === script) ?? null;
  if (script === "hangul") return to.names.find((n) => scriptOf(n) === "hangul" && !to.shortNames.includes(n)) ?? null;
  if (scriptOf(to.name) === script) return to.name;
  return to.names.find((n) => scriptOf(n) === script && !to.shortNames.includes(n)) ?? null;
}

/** Korean particles that change with the final sound of the word before them. */
const PARTICLE_PAIRS: Array<[withBatchim: string, without: string]> = [
  ["은", "는"],
  ["이", "가"],
  ["을", "를"],
  ["과", "와"],
  ["으로", "로"],
];

/** Does the word end in a consonant sound as read in Korean? null when an English spelling does not say. */
export function endsInBatchim(word: string): boolean | null {
  const last = word.trim().slice(-1);
  if (/[\uac00-\ud7a3]/.test(last)) return (last.charCodeAt(0) - 0xac00) % 28 !== 0;
  if (/\d/.test(last)) return "013678".includes(last);
  if (/[A-Z]/.test(last)) return "LMNR".includes(last);
  const w = word.toLowerCase();
  if (/(?:ng|m|n|l|le)$/.test(w)) return true;
  if (/(?:[aiouy]|ee|er|or|ar|ure|w)$/.test(w)) return false;
  return null;
}

/** Swaps `used` for `sibling` at [start, end), fixing a following particle; null when the particle cannot be chosen. */
function swapAt(text: string, at: { start: number; end: number }, used: string, sibling: string): string | null {
  const matched = text.slice(at.start, at.end);
  // The name regex also takes a plural "s" and a particle: keep what follows the bare name.
  const nameLen = matched.toLowerCase().startsWith(used.toLowerCase()) ? used.length : matched.length;
  let rest = text.slice(at.start + nameLen);
  const pair = PARTICLE_PAIRS.find(([a, b]) => new RegExp(`^(?:${a}|${b})(?![\\uac00-\\ud7a3])`).test(rest));
  if (pair) {
    const want = endsInBatchim(sibling);
    if (want === null) return null;
    rest = rest.replace(new RegExp(`^(?:${pair[0]}|${pair[1]})`), want ? pair[0] : pair[1]);
  }
  return `${fixArticle(text.slice(0, at.start), sibling)}${sibling}${rest}`;
}

/** The text with every spelling of the term taken out: what the sentence says about it. */
function withoutTerm(text: string, t: SwapTerm): string {
  let out = text;
  for (const n of t.names) out = out.replace(new RegExp(escapeRegExp(n), "gi"), " ");
  return out;
}

/**
 * Could the swapped claim be true by the notes themselves? Yes when another fact that names the sibling,
 * or one that describes it, shares half the meaningful words of the rest of the original sentence ("S3
 * keeps every version..." and "EFS keeps every version..."), when the rest has nothing distinctive, or
 * when the claim is close to any fact of the notes. Words every member's facts use ("placement", "group")
 * tell nothing apart and are left out.
 */
export function trueElsewhere(ctx: GenContext, f: Fact, from: SwapTerm, to: SwapTerm, claim: string, common: ReadonlySet<string> = new Set()): boolean {
  const restText = withoutTerm(f.text, from);
  const rest = charBigrams(restText);
  const own = [...contentWords(restText)].filter((w) => !common.has(w));
  if (own.length === 0) return true;
  const described = new Set(to.factIds);
  for (const g of ctx.parsed.facts) {
    if (g.id === f.id || g.struck) continue;
    if (similarity(g.text, claim) >= 0.6) return true;
    if (!described.has(g.id) && !termMentioned(g.text, to)) continue;
    const gText = withoutTerm(g.text, to);
    const gWords = contentWords(gText);
    if (own.filter((w) => gWords.has(w)).length / own.length >= ELSEWHERE_MIN_CONTAINMENT) return true;
    if (containment(rest, charBigrams(gText)) >= ELSEWHERE_MAX_BIGRAM_CONTAINMENT) return true;
  }
  return false;
}

/** Words the facts of every member use (groups of three or more): they describe the family, not one member. */
function familyWords(ctx: GenContext, members: readonly SwapTerm[]): Set<string> {
  if (members.length < 3) return new Set();
  const sets = members.map((m) => {
    const out = new Set<string>();
    for (const id of m.factIds) for (const w of contentWords(withoutTerm(ctx.factById.get(id)?.text ?? "", m))) out.add(w);
    return out;
  });
  const [first, ...others] = sets;
  return new Set([...(first ?? [])].filter((w) => others.every((o) => o.has(w))));
}

/**
 * The notes say something about `to` on the same subject (a shared meaningful word: "AZ", "commitment",
 * "hardware") without saying the same thing: the swapped claim contradicts the notes rather than
 * guessing about something they never mention.
 */
function contrasts(ctx: GenContext, f: Fact, from: SwapTerm, to: SwapTerm): boolean {
  const rest = contentWords(withoutTerm(f.text, from));
  for (const g of ctx.parsed.facts) {
    if (g.id === f.id || g.struck || (!to.factIds.includes(g.id) && !termMentioned(g.text, to))) continue;
    for (const w of contentWords(withoutTerm(g.text, to))) if (rest.has(w)) return true;
  }
  return false;
}

/** "S3 Standard-IA: like Standard-IA but ...": the sibling already named in the rest of the sentence. */
function namesSiblingAnyway(text: string, to: SwapTerm): boolean {
  const t = ` ${normalizeForMatch(text)} `;
  const tail = to.name.split(/\s+/).slice(1).join(" ");
  return [...to.names, ...(words(tail).length >= 1 && /[A-Za-z]{4}|[\uac00-\ud7a3]{2}/.test(tail) ? [tail] : [])].some((n) => {
    const k = normalizeForMatch(n);
    return k.length >= 2 && t.includes(` ${k} `);
  });
}

/** How many times the text names the term (any spelling, before any particle). */
function countNamed(text: string, t: SwapTerm): number {
  const flat = text.toLowerCase().replace(/\s+/g, "");
  const name = [...t.names].sort((a, b) => b.length - a.length).find((n) => flat.includes(n.toLowerCase().replace(/\s+/g, "")));
  return name ? flat.split(name.toLowerCase().replace(/\s+/g, "")).length - 1 : 0;
}

/** "a"/"an" before the swapped-in English name. */
function fixArticle(before: string, name: string): string {
  const m = /\b(an?) $/i.exec(before);
  if (!m) return before;
  const vowel = /^[aeiou]/i.test(name) || /^[AEFHILMNORSX](?:[A-Z0-9]|$)/.test(name);
  const art = vowel ? "an" : "a";
  return `${before.slice(0, m.index)}${/^A/.test(m[1] ?? "") ? art[0]?.toUpperCase() + art.slice(1) : art} `;
}

/** The facts about `x` worth stating falsely of a sibling: they name it, none of its siblings, and fit no sibling. */
function swappableFacts(ctx: GenContext, x: SwapTerm, siblings: readonly SwapTerm[]): Fact[] {
  const siblingFacts = siblings.flatMap((s) => s.factIds.map((id) => ctx.factById.get(id)).filter((g): g is Fact => !!g));
  return x.factIds
    .map((id) => ctx.factById.get(id))
    .filter((f): f is Fact => !!f && statementUsable(ctx, f) && termMentioned(f.text, x))
    .filter((f) => !siblings.some((s) => namedLoosely(f.text, s)))
    .filter((f) => siblingFacts.every((sf) => sf.id === f.id || similarity(sf.text, f.text) < DISTINCT_MAX_SIMILARITY));
}

export function trueFalseSiblingSwapRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const done = new Set<string>();
  for (const g of swapGroups(ctx)) {
    for (const x of g.members) {
      const siblings = g.members.filter(
        (m) => m.key !== x.key && normalizeForMatch(m.name) !== normalizeForMatch(x.name) && (!g.sameKindByName || affinity(x, m) > 0),
      );
      if (siblings.length === 0) continue;
      const common = familyWords(ctx, g.members);
      for (const f of swappableFacts(ctx, x, siblings)) {
        if (done.has(f.id)) continue;
        const at = firstMention(f.text, x);
        if (!at || !standsAlone(f.text, at, x.shortNames.includes(at.name))) continue;
        const ordered = seededShuffle(siblings, f.id).sort((a, b) => affinity(x, b) - affinity(x, a));
        for (const y of ordered) {
          const name = replacementName(at.name, x, y);
          if (!name || normalizeForMatch(name) === normalizeForMatch(at.name)) continue;
          const claim = swapAt(f.text, at, at.name, name);
          // The claim must name the sibling once and the real subject nowhere ("패치 베이스라인을 ... 하나의 패치 그룹에만").
          if (!claim || claim === f.text || namesSiblingAnyway(withoutTerm(f.text, x), y) || namedLoosely(claim, x) || countNamed(claim, y) > 1) continue;
          if (!contrasts(ctx, f, x, y) || trueElsewhere(ctx, f, x, y, claim, common)) continue;
          const context = contextOf(ctx, f);
          // A context naming the real subject would give the answer away.
          const shown = termMentioned(context, x) || termMentioned(context, y) ? g.title : context;
          const about = y.factIds.map((id) => ctx.factById.get(id)).find((s): s is Fact => !!s && isAssertable(ctx, s) && termMentioned(s.text, y));
          out.push(
            finishQuestion(ctx, {
              rule: "truefalse-sibling-swap",
              type: "truefalse",
              topicPath: f.topicPath,
              stem: ctx.w.isTrue(termMentioned(shown, x) ? "" : shown, claim),
              options: tfOptions(ctx, false),
              fixedOrder: true,
              explanation: [ctx.w.explainSiblingSwap(at.name, name, f.text), ...(about ? [ctx.w.explainOther(y.name, about.text)] : [])].join("\n"),
              facts: [f],
              lines: f.lines,
              headingPath: f.headingPath,
              quality: combine("truefalse-sibling-swap", stemFit(claim), factFit(f), hasHangul(name) === hasHangul(at.name) ? 1 : 0.8),
              variant: y.key,
            }),
          );
          done.add(f.id);
          break;
        }
      }
    }
  }
  return out;
}

/** Name-alike siblings make the harder (better) false statement: "Spread" for "Cluster" before "EBS". */
function affinity(a: SwapTerm, b: SwapTerm): number {
  if (a.concept && b.concept) return nameAffinity(a.concept, b.concept);
  const x = new Set(words(a.name));
  const y = words(b.name);
  return y.filter((w) => x.has(w)).length / Math.max(1, new Set([...x, ...y]).size);
}
