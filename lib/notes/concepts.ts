// Concepts (named things the notes describe) and groups of sibling concepts that make good distractors.
import type { Fact, ParsedNotes, Topic } from "./types";
import { escapeRegExp, mainPart, normalizeForMatch, parenthetical, scriptOf } from "./text";
import { isStructuralTitle } from "./honest";

export interface Concept {
  key: string;
  /** Display name for answer choices. */
  name: string;
  /** Names to mask in the concept's own facts (full names and translations), longest first. */
  maskNames: string[];
  /** Short distinguishing names ("Cluster" of "Cluster Placement Group"): detect mentions, mask as whole words. */
  shortNames: string[];
  /** Normalized alias cores used to merge candidates from topics, bullets and labels. */
  cores: string[];
  factIds: string[];
  topicPaths: string[];
  firstLine: number;
  deprecated: boolean;
  /** An overview of its siblings ("인스턴스 구매 옵션" lists them all): never an answer. */
  overview: boolean;
}

export interface ConceptGroup {
  id: string;
  kind: "topics" | "items" | "labels";
  /** What the members are, shown in stems ("EC2 Placement Groups"). */
  title: string;
  topicPath: string;
  members: string[];
  /** Siblings of a whole document (sections): too unrelated for "which is described", fine for scenario distractors. */
  broad: boolean;
  firstLine: number;
}

export interface ConceptIndex {
  concepts: Map<string, Concept>;
  groups: ConceptGroup[];
  /** Fact id → key of the most specific concept it describes. */
  conceptOfFact: Map<string, string>;
  conceptOfTopic: Map<string, string>;
  /** Concept key → ids of the groups it belongs to. */
  groupsOf: Map<string, string[]>;
}

/** Sections or labels that name a part of a topic, not a thing ("개요", "Troubleshooting", "작동 방식"). */
const GENERIC_NAME_RE =
  /^(개요|정리|요약|예시|추가\s*정보|작동\s*방식|참고|특징|장점|단점|사용\s*사례|overview|summary|examples?|how it works|notes?|tips?|introduction|intro|troubleshooting|기타|misc)$|\bvs\.?\b|예시$|종류$|구성\s*요소$|관점|알아야|방법$|옵션$|사항$|[?？]$|(은|는|이|가|을|를)$|(경우|때|면)$/i;
/** Words that do not distinguish one AWS thing from another. */
const GENERIC_TOKENS = new Set(["ec2", "aws", "amazon", "instance", "instances", "인스턴스"]);
const BROAD_GROUP_MIN = 13;

export function isGenericName(name: string): boolean {
  return GENERIC_NAME_RE.test(name.trim());
}

function core(name: string): string {
  const toks = normalizeForMatch(name).split(" ").filter(Boolean);
  const kept = toks.filter((t) => !GENERIC_TOKENS.has(t));
  return (kept.length > 0 ? kept : toks).join("");
}

/** Strips ordinal lead-ins: "첫 번째는 응용 프로그램 기반 쿠키" → "응용 프로그램 기반 쿠키". */
function cleanName(name: string): string {
  return name
    .replace(/^(첫|두|세|네|다섯)\s*번째(는|로)?\s+/, "")
    .replace(/^(first|second|third)(ly)?,?\s+/i, "")
    .replace(/[:：]\s*$/, "")
    .trim();
}

function namesOf(raw: string): { display: string; mask: string[]; cores: string[] } {
  const name = cleanName(raw);
  const main = mainPart(name);
  const par = parenthetical(name);
  const mask = [name, main];
  // A translation or abbreviation in parentheses is an alias; "(1 & 3 Year)" or "(권장)" is not.
  if (par && !/\d/.test(par) && par.length <= 30 && par.split(/\s+/).length <= 4 && !/^(권장|선택|필수|recommended|optional|deprecated|legacy)$/i.test(par)) mask.push(par);
  const uniq = [...new Set(mask.map((m) => m.trim()).filter((m) => m.length >= 2))].sort((a, b) => b.length - a.length);
  return { display: main || name, mask: uniq, cores: [...new Set(uniq.map(core).filter(Boolean))] };
}

interface Candidate {
  names: ReturnType<typeof namesOf>;
  factIds: string[];
  topicPath: string;
  line: number;
  groupKey: string;
  groupKind: ConceptGroup["kind"];
  groupTitle: string;
  deprecated: boolean;
}

export function buildConcepts(parsed: ParsedNotes): ConceptIndex {
  const topicByPath = new Map(parsed.topics.map((t) => [t.path, t]));
  const factById = new Map(parsed.facts.map((f) => [f.id, f]));
  const childrenOf = new Map<string, Fact[]>();
  for (const f of parsed.facts) {
    if (!f.parentId) continue;
    const list = childrenOf.get(f.parentId) ?? [];
    list.push(f);
    childrenOf.set(f.parentId, list);
  }
  const descendants = (id: string): Fact[] => {
    const out: Fact[] = [];
    for (const c of childrenOf.get(id) ?? []) out.push(c, ...descendants(c.id));
    return out;
  };
  const underLabelItem = (f: Fact): boolean => {
    for (let p = f.parentId; p; ) {
      const pf = factById.get(p);
      if (!pf) return false;
      if (pf.kind === "label") return true;
      p = pf.parentId;
    }
    return false;
  };
  const boldLabels = new Set(parsed.labels.filter((l) => l.style === "bold").map((l) => l.id));
  const shortTitle = (t: Topic | undefined): string => (t ? mainPart(t.title) : "");

  const cands: Candidate[] = [];
  // 1. Topics: a child topic names a thing; its own facts (not under a bold sub-label or a naming bullet) describe it.
  for (const t of parsed.topics) {
    if (isGenericName(mainPart(t.title))) continue;
    const own = parsed.facts.filter((f) => f.topicPath === t.path && !(f.labelId && boldLabels.has(f.labelId)) && !underLabelItem(f));
    const parent = t.parentPath ? topicByPath.get(t.parentPath) : undefined;
    cands.push({
      names: namesOf(t.title),
      factIds: own.map((f) => f.id),
      topicPath: t.path,
      line: t.lines[0],
      groupKey: `topics:${t.parentPath ?? ""}`,
      groupKind: "topics",
      groupTitle: parent ? shortTitle(parent) : parsed.file,
      deprecated: !!t.deprecated || (own.length > 0 && own.every((f) => f.deprecated)),
    });
  }
  // 2. Naming bullets ("On-Demand Instance", "**클러스터 배치 그룹**", "request:") and their children.
  for (const f of parsed.facts) {
    if (f.kind !== "label" || isGenericName(cleanName(f.text))) continue;
    const desc = descendants(f.id);
    if (desc.length === 0) continue;
    cands.push({
      names: namesOf(f.text),
      factIds: desc.map((d) => d.id),
      topicPath: f.topicPath,
      line: f.lines[0],
      groupKey: `items:${f.listId ?? f.id}`,
      groupKind: "items",
      groupTitle: shortTitle(topicByPath.get(f.topicPath)),
      deprecated: !!f.deprecated || desc.every((d) => d.deprecated),
    });
  }
  // 3. Bold sub-labels inside a topic ("**InsufficientInstanceCapacity**", "**수직 Scalability**").
  for (const l of parsed.labels) {
    if (l.style !== "bold" || isGenericName(l.text)) continue;
    const facts = parsed.facts.filter((f) => f.labelId === l.id && !underLabelItem(f));
    if (facts.length === 0) continue;
    cands.push({
      names: namesOf(l.text),
      factIds: facts.map((f) => f.id),
      topicPath: l.topicPath,
      line: l.line,
      groupKey: `labels:${l.topicPath}`,
      groupKind: "labels",
      groupTitle: shortTitle(topicByPath.get(l.topicPath)),
      deprecated: facts.every((f) => f.deprecated),
    });
  }

  // Merge candidates that share an alias core (the same thing named in a heading and in a summary bullet).
  const parent = cands.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  const byCore = new Map<string, number>();
  cands.forEach((c, i) => {
    for (const k of c.names.cores) {
      const j = byCore.get(k);
      if (j === undefined) byCore.set(k, i);
      else parent[find(i)] = find(j);
    }
  });

  const concepts = new Map<string, Concept>();
  const keyOfCand: string[] = [];
  cands.forEach((c, i) => {
    const root = find(i);
    const rc = cands[root] ?? c;
    const key = `c${rc.line}`;
    keyOfCand[i] = key;
    const existing = concepts.get(key);
    if (!existing) {
      concepts.set(key, {
        key,
        name: rc.names.display,
        maskNames: [...c.names.mask],
        shortNames: [],
        cores: [...c.names.cores],
        factIds: [...c.factIds],
        topicPaths: [c.topicPath],
        firstLine: c.line,
        deprecated: c.deprecated,
        overview: false,
      });
      return;
    }
    existing.maskNames = [...new Set([...existing.maskNames, ...c.names.mask])].sort((a, b) => b.length - a.length);
    existing.cores = [...new Set([...existing.cores, ...c.names.cores])];
    for (const id of c.factIds) if (!existing.factIds.includes(id)) existing.factIds.push(id);
    if (!existing.topicPaths.includes(c.topicPath)) existing.topicPaths.push(c.topicPath);
    existing.firstLine = Math.min(existing.firstLine, c.line);
    existing.deprecated = existing.deprecated || c.deprecated;
  });

  // Groups of siblings.
  const rawGroups = new Map<string, ConceptGroup>();
  cands.forEach((c, i) => {
    const key = keyOfCand[i] ?? "";
    const g = rawGroups.get(c.groupKey) ?? {
      id: c.groupKey,
      kind: c.groupKind,
      title: c.groupTitle,
      topicPath: c.groupKind === "topics" ? (topicByPath.get(c.topicPath)?.parentPath ?? c.topicPath) : c.topicPath,
      members: [],
      broad: false,
      firstLine: c.line,
    };
    if (!g.members.includes(key)) g.members.push(key);
    rawGroups.set(c.groupKey, g);
  });

  addShortNames(concepts, [...rawGroups.values()]);
  markOverviews(concepts, [...rawGroups.values()], factById);

  let groups = [...rawGroups.values()]
    .map((g) => ({ ...g, members: g.members.filter((m) => !concepts.get(m)?.deprecated && !concepts.get(m)?.overview) }))
    .filter((g) => g.members.length >= 2 && !hasNestedNames(g, concepts));
  for (const g of groups) g.broad = g.kind === "topics" && (g.members.length >= BROAD_GROUP_MIN || (sectionsOfNotes(g, topicByPath) && !namedAlike(g.members.map((m) => concepts.get(m)?.name ?? ""))));
  // Never merge into a broad group: the ELB types must not dissolve into "all sections of the file".
  groups = [...mergeOverlapping(groups.filter((g) => !g.broad)), ...groups.filter((g) => g.broad)];

  const conceptOfFact = new Map<string, string>();
  // Most specific source wins: bullets and labels were added after topics, so later candidates overwrite.
  cands.forEach((c, i) => {
    for (const id of c.factIds) conceptOfFact.set(id, keyOfCand[i] ?? "");
  });
  const conceptOfTopic = new Map<string, string>();
  cands.forEach((c, i) => {
    if (c.groupKind === "topics") conceptOfTopic.set(c.topicPath, keyOfCand[i] ?? "");
  });
  const groupsOf = new Map<string, string[]>();
  for (const g of groups) for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.id]);
  return { concepts, groups, conceptOfFact, conceptOfTopic, groupsOf };
}

/**
 * The sections of a document or of a structural part ("# VPC 정리" › 서브넷, 보안, 연결), not the
 * kinds of one thing ("Placement Groups" › Cluster, Spread, Partition): their titles are usually
 * aspects of the subject, and asking "which of these is described?" with them as options is
 * asking which section a sentence sits in.
 */
function sectionsOfNotes(g: ConceptGroup, topicByPath: ReadonlyMap<string, Topic>): boolean {
  const parent = topicByPath.get(g.id.slice("topics:".length));
  return !parent || !parent.parentPath || isStructuralTitle(parent.title);
}

/** Acronym, mixed case, a digit, or several capitalised words: "SQS", "DynamoDB", "gp3", "Flow Logs". */
const PROPER_NAME_RE = /[A-Z]{2,}|[a-z][A-Z]|\d|^[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|[a-z]{1,3}))*\s+[A-Z][\w-]*$/;

/**
 * Sections whose titles still name things of one kind: every one a product-like name, or all
 * sharing their last word ("스팟 인스턴스", "예약 인스턴스"; "Standard queue", "FIFO queue").
 */
function namedAlike(names: readonly string[]): boolean {
  if (names.every((n) => PROPER_NAME_RE.test(mainPart(n).trim()))) return true;
  const heads = names.map((n) => mainPart(n).trim().split(/\s+/).pop()?.toLowerCase() ?? "");
  return heads.length >= 2 && heads[0]!.length >= 2 && heads.every((h) => h === heads[0]);
}

/** Members sharing a trailing phrase ("… Placement Group", "… 배치 그룹") are also known by what precedes it. */
function addShortNames(concepts: Map<string, Concept>, groups: ConceptGroup[]): void {
  for (const g of groups) {
    const members = g.members.map((m) => concepts.get(m)).filter((c): c is Concept => !!c);
    if (members.length < 2) continue;
    for (const pick of [(c: Concept) => c.name, (c: Concept) => c.maskNames.find((n) => scriptOf(n) === "hangul") ?? ""]) {
      const names = members.map(pick);
      if (names.some((n) => !n)) continue;
      const toks = names.map((n) => n.split(/\s+/));
      let common = 0;
      while (toks.every((t) => t.length > common + 1 && t[t.length - 1 - common] === toks[0]?.[toks[0].length - 1 - common])) common++;
      if (common === 0) continue;
      members.forEach((c, i) => {
        const short = (toks[i] ?? []).slice(0, -common).join(" ");
        if (short.length >= 2 && !c.shortNames.includes(short)) c.shortNames.push(short);
      });
    }
  }
}

/** A member whose facts name two or more of its siblings is an overview, not a sibling. */
function markOverviews(concepts: Map<string, Concept>, groups: ConceptGroup[], factById: Map<string, Fact>): void {
  for (const g of groups) {
    // In a broad group (all sections of a file) naming siblings is normal, not a sign of an overview.
    if (g.members.length < 3 || g.members.length >= BROAD_GROUP_MIN) continue;
    for (const m of g.members) {
      const c = concepts.get(m);
      if (!c) continue;
      const text = c.factIds.map((id) => factById.get(id)?.text ?? "").join("\n");
      let named = 0;
      for (const o of g.members) {
        if (o === m) continue;
        const oc = concepts.get(o);
        if (oc && mentions(text, oc)) named++;
      }
      if (named >= 2) c.overview = true;
    }
  }
}

/**
 * "Creating a highly available EC2 instance" / "... With an Auto Scaling Group": one name inside another
 * marks variants of one thing, not contrasting siblings.
 */
function hasNestedNames(g: ConceptGroup, concepts: Map<string, Concept>): boolean {
  // Whole words: "capacityOptimized" is not nested in "priceCapacityOptimized".
  const names = g.members.map((m) => ` ${normalizeForMatch(concepts.get(m)?.name ?? "")} `).filter((n) => n.trim());
  return names.some((a, i) => names.some((b, j) => i !== j && b.includes(a)));
}

function mergeOverlapping(groups: ConceptGroup[]): ConceptGroup[] {
  const out: ConceptGroup[] = [];
  for (const g of groups) {
    const target = out.find((o) => g.members.filter((m) => o.members.includes(m)).length >= 2);
    if (target) {
      for (const m of g.members) if (!target.members.includes(m)) target.members.push(m);
    } else out.push({ ...g, members: [...g.members] });
  }
  return out;
}

const PARTICLE = "(?:은|는|이|가|을|를|의|에|에서|와|과|로|으로|도|만|이다|이며|라고|란|이란|에는|과의|와의)?";

/** Whole-word (Latin) / word-start (Hangul) occurrence of a name. */
const testCache = new Map<string, RegExp>();
const replaceCache = new Map<string, RegExp>();

/** Forgets compiled name matchers (the benchmark times cold imports). */
export function clearNameCaches(): void {
  testCache.clear();
  replaceCache.clear();
}

/** Whole-name matcher (no `g` flag, so `.test` keeps no state); compiled once per name. */
export function nameRegExp(name: string): RegExp {
  let re = testCache.get(name);
  if (!re) {
    re = new RegExp(namePattern(name), "iu");
    testCache.set(name, re);
  }
  return re;
}

function nameReplacer(name: string): RegExp {
  let re = replaceCache.get(name);
  if (!re) {
    re = new RegExp(namePattern(name), "giu");
    replaceCache.set(name, re);
  }
  return re;
}

/** Whole-name pattern: Latin names may take a plural ("Convertible Reserved Instances"), Hangul names a particle. */
function namePattern(name: string): string {
  const body = escapeRegExp(name).replace(/\\?\s+/g, "\\s*");
  const plural = /[A-Za-z]$/.test(name) ? "(?:s|es)?" : "";
  return `(?<![\\p{L}\\p{N}])${body}${plural}(?=${PARTICLE}(?![\\p{L}\\p{N}]))`;
}

/** Lower case without whitespace: a cheap test before the (costly, Unicode-aware) name regex. */
function compact(s: string): string {
  return s.toLowerCase().replace(/\s+/g, "");
}

export function mentions(text: string, c: Concept): boolean {
  const t = compact(text);
  return [...c.maskNames, ...c.shortNames].some((n) => t.includes(compact(n)) && nameRegExp(n).test(text));
}

/** Replaces the concept's names in a text with a blank. */
export function maskConcept(text: string, c: Concept, blank: string): string {
  let out = text;
  for (const n of [...c.maskNames, ...c.shortNames].sort((a, b) => b.length - a.length)) {
    if (!compact(out).includes(compact(n))) continue;
    out = out.replace(nameReplacer(n), blank);
  }
  return out;
}

/** How alike two concept names are: Jaccard of their distinguishing words ("Placement", "Group"), 0..1. */
const tokenCache = new WeakMap<Concept, Set<string>>();

function nameTokens(c: Concept): Set<string> {
  let t = tokenCache.get(c);
  if (!t) {
    t = new Set(normalizeForMatch(c.name).split(" ").filter((x) => x && !GENERIC_TOKENS.has(x)));
    tokenCache.set(c, t);
  }
  return t;
}

export function nameAffinity(a: Concept, b: Concept): number {
  const x = nameTokens(a);
  const y = nameTokens(b);
  let inter = 0;
  for (const t of x) if (y.has(t)) inter++;
  const union = x.size + y.size - inter;
  return union === 0 ? 0 : inter / union;
}
