// generateQuestions: deterministic, offline question drafts from parsed notes (no language model).
import type { GenerateOptions, GeneratedQuestion, ParsedNotes, RuleName } from "./types";
import { buildContext, type GenContext } from "./rules/shared";
import { clozeNumberRule, clozeTermRule } from "./rules/cloze";
import { singleSiblingRule } from "./rules/single-sibling";
import { multipleListRule } from "./rules/multiple-list";
import { scenarioRule } from "./rules/scenario";
import { quizRule } from "./rules/quiz";
import { definitionRule } from "./rules/definition";
import { tableRule } from "./rules/table";
import { honestQuestions, type HonestResult } from "./honest";
import { mergeTwins } from "./twins";
import { trueFalseSiblingSwapRule } from "./rules/sibling-swap";
import { contextFit } from "./quality";
import { trueFalseCorrectedRule, trueFalseNumberSwapRule, trueFalseStatementRule } from "./rules/truefalse";

export const RULES: Record<RuleName, (ctx: GenContext) => GeneratedQuestion[]> = {
  "cloze-term": clozeTermRule,
  "cloze-number": clozeNumberRule,
  "single-sibling": singleSiblingRule,
  "multiple-list": multipleListRule,
  "scenario-use-when": scenarioRule,
  "truefalse-corrected": trueFalseCorrectedRule,
  "truefalse-statement": trueFalseStatementRule,
  "truefalse-number-swap": trueFalseNumberSwapRule,
  "truefalse-sibling-swap": trueFalseSiblingSwapRule,
  "quiz-keyed": quizRule,
  // Produced by quizRule together with keyed quizzes.
  "quiz-needs-key": () => [],
  "table-single": tableRule,
  "definition-single": definitionRule,
};

/** Per topic and rule, keep only the best few so a long section does not flood the bank with near-twins. */
export const DEFAULT_MAX_PER_TOPIC_PER_RULE: Record<RuleName, number> = {
  "cloze-term": 3,
  "cloze-number": 2,
  "single-sibling": 4,
  "multiple-list": 2,
  "scenario-use-when": 3,
  "truefalse-corrected": Number.POSITIVE_INFINITY,
  "truefalse-statement": 2,
  "truefalse-number-swap": 2,
  "truefalse-sibling-swap": 3,
  "quiz-keyed": Number.POSITIVE_INFINITY,
  "quiz-needs-key": Number.POSITIVE_INFINITY,
  // tableRule already spreads at most MAX_PER_TABLE over a table's rows; this bounds a topic of several tables.
  "table-single": 6,
  "definition-single": 4,
};

export function generateQuestions(parsed: ParsedNotes, options: GenerateOptions = {}): GeneratedQuestion[] {
  return generateWithReport(parsed, options).questions;
}

/** Questions that pass the honesty filter (honest.ts), with the count of those it dropped, by reason. */
export function generateWithReport(parsed: ParsedNotes, options: GenerateOptions = {}): HonestResult {
  // Bilingual notes: one fact per translated pair, or every question would be asked twice.
  const notes = mergeTwins(parsed);
  return honestQuestions(notes, generateAll(notes, options));
}

function generateAll(parsed: ParsedNotes, options: GenerateOptions): GeneratedQuestion[] {
  const ctx = buildContext(parsed, options);
  const caps = { ...DEFAULT_MAX_PER_TOPIC_PER_RULE, ...options.maxPerTopicPerRule };
  const topicOrder = new Map(parsed.topics.map((t, i) => [t.path, i]));
  const out: GeneratedQuestion[] = [];
  const seenStems = new Set<string>();
  for (const rule of Object.keys(RULES) as RuleName[]) {
    const byTopic = new Map<string, GeneratedQuestion[]>();
    for (const generated of RULES[rule](ctx)) {
      if (!withinTopic(ctx, generated)) continue;
      const q = { ...generated, quality: generated.quality * contextFit(rule, generated.source.headingPath) };
      byTopic.set(q.topicPath, [...(byTopic.get(q.topicPath) ?? []), q]);
    }
    for (const qs of byTopic.values()) {
      qs.sort((a, b) => b.quality - a.quality || a.source.lines[0] - b.source.lines[0] || (a.id < b.id ? -1 : 1));
      let kept = 0;
      for (const q of qs) {
        if (kept >= caps[rule]) break;
        if (seenStems.has(q.stem)) continue;
        seenStems.add(q.stem);
        out.push(q);
        kept++;
      }
    }
  }
  return out.sort(
    (a, b) =>
      (topicOrder.get(a.topicPath) ?? 0) - (topicOrder.get(b.topicPath) ?? 0) ||
      a.source.lines[0] - b.source.lines[0] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Invariant: a question's source lines lie inside its topic's line range. */
function withinTopic(ctx: GenContext, q: GeneratedQuestion): boolean {
  const t = ctx.topicByPath.get(q.topicPath);
  return !!t && q.source.lines[0] >= t.lines[0] && q.source.lines[1] <= t.lines[1] && q.source.lines[0] <= q.source.lines[1];
}
