// Quiz blocks written in the notes → questions with the file's own key, in the file's option order.
// A quiz without a recoverable key becomes a draft flagged `needsKey` (it cannot be published).
import type { GeneratedQuestion, Topic } from "../types";
import { finishQuestion, type GenContext } from "./shared";

/** Topic that holds a line: the last (innermost) topic starting at or before it whose range covers it. */
export function topicOfLine(topics: readonly Topic[], line: number): Topic | undefined {
  let best: Topic | undefined;
  for (const t of topics) if (t.lines[0] <= line && line <= t.lines[1] && (!best || t.depth >= best.depth)) best = t;
  return best;
}

export function quizRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const q of ctx.parsed.quizzes) {
    const topic = topicOfLine(ctx.parsed.topics, q.line);
    if (!topic || !q.stem) continue;
    const key = q.key ?? [];
    const headingPath: string[] = [];
    for (let t: Topic | undefined = topic; t; t = t.parentPath ? ctx.topicByPath.get(t.parentPath) : undefined) headingPath.unshift(t.title);
    const stem = q.stem.replace(/\s*\((?:choose|select)\s+(?:two|three|2|3)\.?\)\s*$/i, "").trim();
    const draft = finishQuestion(ctx, {
      rule: q.key ? "quiz-keyed" : "quiz-needs-key",
      type: key.length > 1 ? "multiple" : "single",
      topicPath: topic.path,
      stem: key.length > 1 && !/\b(?:two|three|2|3)\b|\d\s*개/i.test(stem) ? `${stem} (${key.length})` : stem,
      options: q.options.map((text, i) => ({ text, correct: key.includes(i) })),
      fixedOrder: true,
      ...(key.length > 1 ? { choose: key.length } : {}),
      explanation: q.explanation || (q.key ? "" : ctx.w === undefined ? "" : ""),
      facts: [],
      lines: q.lines,
      headingPath,
      // The author's own question: as reliable as its key.
      quality: q.key ? 0.95 : 0.3,
      variant: `L${q.line}`,
    });
    if (!q.key) draft.needsKey = true;
    out.push(draft);
  }
  return out;
}
