// multiple-list: "choose two" from a list of causes/features under one heading; distractors are items of
// contrasted lists (sibling naming bullets such as CLB vs ALB children, other lists of the same topic,
// lists of sibling topics in a concept group).
import type { Fact, GeneratedQuestion, ListBlock } from "../types";
import { seededShuffle } from "../hash";
import { isGenericName } from "../concepts";
import { normalizeForMatch, similarity, words } from "../text";
import { isStructuralTitle } from "../honest";
import { choiceFit, combine } from "../quality";
import { factFit, finishQuestion, isAssertable, topicLabel, type GenContext } from "./shared";

const CHOOSE = 2;
const DISTRACTORS = 3;
/** A distractor this similar to a true item might itself be true. */
const DISTRACTOR_MAX_SIMILARITY = 0.35;
const MAX_ITEM_CHARS = 160;

export function multipleListRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const listById = new Map(ctx.parsed.lists.map((l) => [l.id, l]));
  for (const list of ctx.parsed.lists) {
    const items = usableItems(ctx, list);
    if (items.length < CHOOSE) continue;
    const header = headerOf(ctx, list);
    if (!header) continue;
    const truths = seededShuffle(items, list.id)
      .sort((a, b) => factFit(b) - factFit(a))
      .slice(0, CHOOSE);
    const pool = contrastedLists(ctx, list, listById);
    const distractors: Array<{ f: Fact; plausibility: number }> = [];
    for (const { l, plausibility } of pool) {
      for (const f of seededShuffle(usableItems(ctx, l), `${list.id}|${l.id}`)) {
        if (distractors.length >= DISTRACTORS) break;
        if (items.some((t) => similarity(t.text, f.text) >= DISTRACTOR_MAX_SIMILARITY)) continue;
        // A distractor that names the subject may well describe it too.
        if (mentions(f.text, header.subject)) continue;
        if (distractors.some((d) => similarity(d.f.text, f.text) >= DISTRACTOR_MAX_SIMILARITY)) continue;
        distractors.push({ f, plausibility });
      }
      if (distractors.length >= DISTRACTORS) break;
    }
    if (distractors.length < DISTRACTORS) continue;
    const topic = ctx.topicByPath.get(list.topicPath);
    if (!topic) continue;
    const stem = ctx.w.chooseAbout(header.where, header.subject, CHOOSE);
    const answerText = truths.map((t) => t.text).join(" ");
    out.push(
      finishQuestion(ctx, {
        rule: "multiple-list",
        type: "multiple",
        topicPath: list.topicPath,
        stem,
        options: [...truths.map((t) => ({ text: t.text, correct: true })), ...distractors.map((d) => ({ text: d.f.text, correct: false }))],
        choose: CHOOSE,
        explanation: ctx.w.explainChoose(truths.map((t) => t.text)),
        facts: [...truths, ...distractors.map((d) => d.f)],
        // The question rests on the list: its lines, inside the list's topic.
        lines: list.lines,
        headingPath: truths[0]?.headingPath ?? [topic.title],
        quality: combine(
          "multiple-list",
          header.strength,
          Math.min(...truths.map(factFit)),
          choiceFit(distractors.map((d) => d.plausibility), answerText.slice(0, Math.max(...truths.map((t) => t.text.length))), distractors.map((d) => d.f.text)),
        ),
      }),
    );
  }
  return out;
}

function usableItems(ctx: GenContext, list: ListBlock): Fact[] {
  return list.itemIds
    .map((id) => ctx.factById.get(id))
    .filter((f): f is Fact => !!f && isAssertable(ctx, f) && f.kind !== "example" && f.text.length <= MAX_ITEM_CHARS && words(f.text).length >= 2);
}

/** A sub-label that names one thing ("InstanceTerminatesImmediately", "SYSTEM status checks"), not a part ("개요") or a pair. */
function contrastLabel(ctx: GenContext, labelId: string | null): string | null {
  const label = labelId ? ctx.labelById.get(labelId) : undefined;
  if (!label || label.style === "summary" || isGenericName(label.text)) return null;
  if (/(와|과|및|&|\band\b)/i.test(label.text)) return null;
  return label.text;
}

/** The topic names one of a narrow group of sibling concepts (a purchasing option, a placement strategy). */
function topicIsNarrowConcept(ctx: GenContext, topicPath: string): boolean {
  const key = ctx.index.conceptOfTopic.get(topicPath);
  const groupIds = key ? (ctx.index.groupsOf.get(key) ?? []) : [];
  return groupIds.some((id) => {
    const g = ctx.groupById.get(id);
    return !!g && !g.broad && g.kind === "topics";
  });
}

/**
 * What the list is about, and how sure we are that items of contrasted lists are wrong for it: the
 * bullet it hangs under (siblings of that bullet are the contrast), a naming sub-label (other naming
 * sub-labels of the topic), or a topic that is one of a group of sibling concepts. The subject must be
 * a name: a stem that cannot say what the items describe ("Which apply?") is no question (issue 14
 * calibration: 26 of 30 such stems were labelled needs-edit).
 */
function headerOf(ctx: GenContext, list: ListBlock): { where: string; subject: string; strength: number } | null {
  const topic = topicLabel(ctx, list.topicPath);
  const parent = list.parentId ? ctx.factById.get(list.parentId) : undefined;
  const label = contrastLabel(ctx, list.labelId);
  const where = (subject: string): string => [topic, label].filter((x): x is string => !!x && x !== subject).join(" › ");
  if (parent) return nameLike(parent.text) ? { where: where(parent.text), subject: parent.text, strength: 1 } : null;
  if (label) return nameLike(label) ? { where: where(label), subject: label, strength: 0.95 } : null;
  const parentTopic = ctx.topicByPath.get(list.topicPath)?.parentPath;
  const above = parentTopic ? topicLabel(ctx, parentTopic) : "";
  if (!topicIsNarrowConcept(ctx, list.topicPath)) return null;
  const subject = withoutAspect(topic);
  return nameLike(subject) ? { where: above, subject, strength: 0.9 } : null;
}

/** "RDS details" → "RDS", "Lambda limits" → "Lambda": the subject, not the part of the notes about it. */
function withoutAspect(title: string): string {
  const t = title.trim().replace(/\s+(?:details?|features?|basics|notes?|overview|tips|limits|key points|특징|기능|정리|요약|개요)$/i, "");
  return t || title;
}

/** A short name ("Pilot light", "Amazon SQS", "Spot Instance"), not a sentence or a part of the notes ("S3 tips"). */
function nameLike(text: string): boolean {
  const t = text.trim();
  return (
    t.length <= 60 &&
    words(t).length <= 6 &&
    !/[.。!?:;,]|[다요]$/.test(t) &&
    // A pair ("Engines and storage", "예약 조정과 예측 조정") has two subjects: the items may describe either.
    !/\s(?:and|or|vs\.?|&|및)\s|[\uac00-\ud7a3](?:와|과)\s/i.test(t) &&
    !isStructuralTitle(t) &&
    !isGenericName(t) &&
    !/^(?:features?|details?|concepts?|options?|use cases?|limits?|key points?|특징|기능|옵션)$/i.test(t) &&
    // "기본으로 없는 지표", "Not supported": a list under a negative label often states the contrast too
    // ("CPU is available by default"), so "which describe it?" can have a wrong key.
    !/(?:없는|않는|아닌|안\s*되는|불가|\bnot\b|\bno\b|\bwithout\b|\bnon-)/i.test(t)
  );
}

/** The text names the subject: its words, its parenthesised alias, or an acronym in it ("KMS" in "AWS KMS (Key Management Service)"). */
function mentions(text: string, subject: string): boolean {
  const names = [subject.replace(/\s*\([^)]*\)\s*/g, " "), ...[...subject.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? ""), subject.replace(/^(?:AWS|Amazon)\s+/, "")];
  const hay = ` ${normalizeForMatch(text)}`;
  // A name followed by a Korean particle ("KMS로") still names it: match on the start of the word only.
  if (names.map(normalizeForMatch).some((n) => n.length >= 2 && hay.includes(` ${n}`))) return true;
  return [...subject.matchAll(/\b[A-Z][A-Z0-9]{1,}\b/g)].some((m) => new RegExp(`(?<![A-Za-z])${m[0]}(?![a-z])`).test(text));
}

/** Lists whose items are plausible but wrong here, most contrasted first. */
function contrastedLists(ctx: GenContext, list: ListBlock, listById: Map<string, ListBlock>): Array<{ l: ListBlock; plausibility: number }> {
  const out: Array<{ l: ListBlock; plausibility: number }> = [];
  const seen = new Set<string>([list.id]);
  const add = (l: ListBlock | undefined, plausibility: number): void => {
    if (!l || seen.has(l.id)) return;
    seen.add(l.id);
    out.push({ l, plausibility });
  };
  const parent = list.parentId ? ctx.factById.get(list.parentId) : undefined;
  // 1. Lists under the sibling bullets of this list's parent (CLB's children vs ALB's children).
  if (parent?.listId) {
    const parentList = listById.get(parent.listId);
    for (const sibId of parentList?.itemIds ?? []) for (const l of ctx.parsed.lists) if (l.parentId === sibId) add(l, 1);
    return out;
  }
  // 2. Lists under another naming sub-label of the same topic (SYSTEM vs INSTANCE status checks).
  const label = contrastLabel(ctx, list.labelId);
  if (label) {
    for (const l of ctx.parsed.lists) {
      if (l.topicPath !== list.topicPath || l.parentId || l.labelId === list.labelId || !contrastLabel(ctx, l.labelId)) continue;
      add(l, 0.9);
    }
    return out;
  }
  // 3. Top-level lists of sibling topics in a concept group (Reserved Instances vs On-Demand).
  const topic = ctx.topicByPath.get(list.topicPath);
  if (topic?.parentPath && topicIsNarrowConcept(ctx, list.topicPath)) {
    const siblings = ctx.topicByPath.get(topic.parentPath)?.children ?? [];
    for (const l of ctx.parsed.lists) {
      if (l.parentId || l.topicPath === list.topicPath || !siblings.includes(l.topicPath) || !topicIsNarrowConcept(ctx, l.topicPath)) continue;
      add(l, 0.8);
    }
  }
  return out;
}
