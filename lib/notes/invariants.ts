// Checks a generated bank against the rules every question must obey; returns readable violations.
import type { GeneratedQuestion, ParsedNotes } from "./types";

export function questionViolations(parsed: ParsedNotes, questions: readonly GeneratedQuestion[]): string[] {
  const out: string[] = [];
  const topics = new Map(parsed.topics.map((t) => [t.path, t]));
  const facts = new Map(parsed.facts.map((f) => [f.id, f]));
  const ids = new Set<string>();
  for (const q of questions) {
    const where = `${q.id} (${q.rule})`;
    if (ids.has(q.id)) out.push(`${where}: duplicate id`);
    ids.add(q.id);
    const t = topics.get(q.topicPath);
    if (!t) out.push(`${where}: unknown topic ${q.topicPath}`);
    else if (q.source.lines[0] < t.lines[0] || q.source.lines[1] > t.lines[1] || q.source.lines[0] > q.source.lines[1]) {
      out.push(`${where}: source ${q.source.lines.join("-")} outside topic ${t.lines.join("-")}`);
    }
    if (q.source.file !== parsed.file) out.push(`${where}: source file ${q.source.file}`);
    if (!(q.quality >= 0 && q.quality <= 1)) out.push(`${where}: quality ${q.quality}`);
    if (q.status !== "draft") out.push(`${where}: status ${q.status}`);
    if (!q.stem.trim() || !q.explanation.trim()) out.push(`${where}: empty stem or explanation`);
    const choiceIds = new Set(q.choices.map((c) => c.id));
    if (choiceIds.size !== q.choices.length) out.push(`${where}: duplicate choice ids`);
    const texts = new Set(q.choices.map((c) => c.text));
    if (texts.size !== q.choices.length) out.push(`${where}: duplicate choice texts`);
    if (q.type !== "cloze" && !q.answer.every((a) => choiceIds.has(a))) out.push(`${where}: answer not among choices`);
    switch (q.type) {
      case "single":
        if (q.choices.length !== 4 || q.answer.length !== 1) out.push(`${where}: single needs 4 choices and 1 answer`);
        break;
      case "multiple":
        if (q.choices.length < 5 || !q.choose || q.answer.length !== q.choose) out.push(`${where}: multiple needs >= 5 choices and choose = answers`);
        break;
      case "truefalse":
        if (q.choices.length !== 2 || q.answer.length !== 1) out.push(`${where}: truefalse needs 2 choices and 1 answer`);
        break;
      case "cloze":
        if (q.choices.length !== 0 || q.answer.length === 0 || !q.stem.includes("____")) out.push(`${where}: cloze needs a blank and accepted answers`);
        break;
    }
    // Struck-out and deprecated claims are never presented as true.
    const assertsTrue = q.type === "cloze" || (q.type === "truefalse" && q.answer[0] === "true") || q.type === "single" || q.type === "multiple";
    for (const id of q.factIds) {
      const f = facts.get(id);
      if (!f) {
        out.push(`${where}: unknown fact ${id}`);
        continue;
      }
      if (assertsTrue && (f.struck || f.deprecated) && (q.type !== "multiple" || q.factIds.indexOf(id) < (q.choose ?? 0))) {
        out.push(`${where}: asserts ${f.struck ? "struck" : "deprecated"} fact ${id} as true`);
      }
    }
  }
  return out;
}
