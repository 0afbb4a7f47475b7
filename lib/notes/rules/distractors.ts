// Choosing wrong-but-plausible answer choices among concepts.
import type { Concept, ConceptGroup } from "../concepts";
import { mentions, nameAffinity } from "../concepts";
import { seededShuffle } from "../hash";
import { charBigrams, jaccard, normalizeForMatch } from "../text";
import type { GenContext } from "./shared";

export interface Picked {
  concept: Concept;
  /** 1 for a sibling of the answer, less for fillers (see quality.ts). */
  plausibility: number;
}

export const SIBLING_PLAUSIBILITY = 1;
export const FILLER_PLAUSIBILITY = 0.55;
/** "None of the above": always plausible, never the answer; weaker than a real sibling. */
export const NONE_PLAUSIBILITY = 0.6;
export const BROAD_PLAUSIBILITY = 0.7;

/** Bigrams found in more than this share of concepts ("인스", "스턴") say nothing about a topic. */
const COMMON_GRAM_SHARE = 0.15;
const gramCache = new WeakMap<GenContext, Map<string, Set<string>>>();

/** Distinctive bigrams of everything the notes say about each concept, to find fillers about similar things. */
function conceptGrams(ctx: GenContext, c: Concept): Set<string> {
  let all = gramCache.get(ctx);
  if (!all) {
    const raw = new Map<string, Set<string>>();
    const df = new Map<string, number>();
    for (const k of ctx.index.concepts.values()) {
      const g = charBigrams([k.name, ...k.factIds.map((id) => ctx.factById.get(id)?.text ?? "")].join(" "));
      raw.set(k.key, g);
      for (const x of g) df.set(x, (df.get(x) ?? 0) + 1);
    }
    const limit = Math.max(2, ctx.index.concepts.size * COMMON_GRAM_SHARE);
    all = new Map([...raw].map(([k, g]) => [k, new Set([...g].filter((x) => (df.get(x) ?? 0) <= limit))]));
    gramCache.set(ctx, all);
  }
  return all.get(c.key) ?? new Set();
}

function groupById(ctx: GenContext, id: string): ConceptGroup | undefined {
  return ctx.groupById.get(id);
}

/** Could `c` be mistaken for the same thing as any of `others` (alias, near-identical or contained name)? */
function confusable(c: Concept, others: readonly Concept[]): boolean {
  const cn = normalizeForMatch(c.name);
  return others.some((m) => {
    const mn = normalizeForMatch(m.name);
    return m.key === c.key || m.cores.some((k) => c.cores.includes(k)) || cn.includes(mn) || mn.includes(cn);
  });
}

/** A filler must share a name token with the answer's family ("... Load Balancer"), or it is obviously wrong. */
export const FILLER_MIN_AFFINITY = 0.15;

/**
 * Up to three distractors for `answer`: members of its narrow concept groups (name-alike first); then,
 * if `broad`, sibling sections nearest to the answer's section; then, if `fill`, concepts of other narrow
 * groups with a name like the family's. Nothing the stem already names (`stemText`). Callers top up
 * with "none of the above" when fewer than three remain.
 */
export function conceptDistractors(
  ctx: GenContext,
  answer: Concept,
  stemText: string,
  seedKey: string,
  opts: { fill: boolean; broad: boolean; group?: ConceptGroup },
): Picked[] {
  const picked: Picked[] = [];
  const usable = (c: Concept): boolean => !c.deprecated && !c.overview && !mentions(stemText, c) && !confusable(c, [answer, ...picked.map((p) => p.concept)]);
  const groups = (opts.group ? [opts.group] : (ctx.index.groupsOf.get(answer.key) ?? []).map((id) => groupById(ctx, id)).filter((g): g is ConceptGroup => !!g))
    .filter((g) => !g.broad)
    .sort((a, b) => a.members.length - b.members.length);
  for (const g of groups) {
    const members = g.members.map((m) => ctx.index.concepts.get(m)).filter((c): c is Concept => !!c && c.key !== answer.key);
    for (const c of seededShuffle(members, `${seedKey}|${g.id}`).sort((a, b) => nameAffinity(answer, b) - nameAffinity(answer, a))) {
      if (picked.length >= 3) return picked;
      if (usable(c)) picked.push({ concept: c, plausibility: SIBLING_PLAUSIBILITY });
    }
  }
  if (opts.broad) {
    // Sections next to the answer's own section ("EC2 Hibernate" → "AMI No Reboot Option").
    // Only for an answer that is itself a section: a sub-concept ("Spread") next to "Enhanced Networking" is no contest.
    const own = sectionConcept(ctx, answer);
    for (const g of ctx.index.groups) {
      if (!g.broad || own?.key !== answer.key || !g.members.includes(own.key)) continue;
      const members = g.members.map((m) => ctx.index.concepts.get(m)).filter((c): c is Concept => !!c && c.key !== own.key);
      members.sort((a, b) => Math.abs(a.firstLine - own.firstLine) - Math.abs(b.firstLine - own.firstLine) || a.firstLine - b.firstLine);
      for (const c of members) {
        if (picked.length >= 3) return picked;
        if (usable(c) && !confusable(c, [own])) picked.push({ concept: c, plausibility: BROAD_PLAUSIBILITY });
      }
    }
  }
  if (opts.fill && picked.length < 3) {
    for (const c of rankedFillers(ctx, answer, groups)) {
      if (picked.length >= 3) return picked;
      if (usable(c)) picked.push({ concept: c, plausibility: FILLER_PLAUSIBILITY });
    }
  }
  return picked;
}

const fillerCache = new WeakMap<GenContext, Map<string, Concept[]>>();

/** Fillers for an answer's family, best first; the ranking depends only on the family, so it is cached. */
function rankedFillers(ctx: GenContext, answer: Concept, groups: ConceptGroup[]): Concept[] {
  let cache = fillerCache.get(ctx);
  if (!cache) {
    cache = new Map();
    fillerCache.set(ctx, cache);
  }
  // Members of one group share a family, so the ranking is shared too (the answer is in `inGroups`).
  const key = groups.length > 0 ? groups.map((g) => g.id).join(",") : answer.key;
  const hit = cache.get(key);
  if (hit) return hit;
  const inGroups = new Set(groups.flatMap((g) => g.members));
  const family = [answer, ...groups.flatMap((g) => g.members.map((m) => ctx.index.concepts.get(m)).filter((c): c is Concept => !!c))];
  const ranked = [...ctx.index.concepts.values()]
    .filter((c) => !inGroups.has(c.key) && !confusable(c, family))
    .filter((c) => (ctx.index.groupsOf.get(c.key) ?? []).some((id) => groupById(ctx, id)?.broad === false))
    .map((c) => ({ c, affinity: Math.max(...family.map((m) => nameAffinity(m, c))) }))
    .filter((x) => x.affinity >= FILLER_MIN_AFFINITY)
    .map((x) => ({ ...x, content: family.reduce((s, m) => s + jaccard(conceptGrams(ctx, m), conceptGrams(ctx, x.c)), 0) }))
    .sort((a, b) => b.affinity + b.content - (a.affinity + a.content) || a.c.firstLine - b.c.firstLine)
    .map((x) => x.c);
  cache.set(key, ranked);
  return ranked;
}

/** The concept of the section (a child of the document root) that holds the answer. */
function sectionConcept(ctx: GenContext, answer: Concept): Concept | undefined {
  const broadKeys = new Set(ctx.index.groups.filter((g) => g.broad).flatMap((g) => g.members));
  if (broadKeys.has(answer.key)) return answer;
  for (const path of answer.topicPaths) {
    for (let t = ctx.topicByPath.get(path); t; t = t.parentPath ? ctx.topicByPath.get(t.parentPath) : undefined) {
      const key = ctx.index.conceptOfTopic.get(t.path);
      if (key && broadKeys.has(key)) return ctx.index.concepts.get(key);
    }
  }
  return undefined;
}
