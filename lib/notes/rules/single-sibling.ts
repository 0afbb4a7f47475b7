// single-sibling: "which of these is described by <fact>?" with the answer's sibling concepts as distractors
// (Cluster/Spread/Partition, the purchasing options, the load balancer types...).
import type { Fact, GeneratedQuestion } from "../types";
import type { Concept } from "../concepts";
import { maskConcept, mentions } from "../concepts";
import { similarity, words } from "../text";
import { conceptDistractors, NONE_PLAUSIBILITY } from "./distractors";
import { choiceFit, combine, stemFit } from "../quality";
import { factFit, finishQuestion, isAssertable, startsDeictic, type GenContext } from "./shared";

/** A fact this similar to a sibling's fact would fit both answers. */
export const DISTINCT_MAX_SIMILARITY = 0.45;
const FACTS_PER_CONCEPT = 2;

export function singleSiblingRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const { concepts } = ctx.index;
  for (const g of ctx.index.groups) {
    if (g.broad) continue;
    const members = g.members.map((m) => concepts.get(m)).filter((c): c is Concept => !!c);
    if (members.length < 3) continue;
    for (const answer of members) {
      const siblings = members.filter((m) => m !== answer);
      const siblingFacts = siblings.flatMap((s) => s.factIds.map((id) => ctx.factById.get(id)).filter((f): f is Fact => !!f));
      const candidates = answer.factIds
        .map((id) => ctx.factById.get(id))
        .filter((f): f is Fact => !!f && isAssertable(ctx, f) && f.kind !== "example" && words(f.text).length >= 4)
        .filter((f) => !siblings.some((s) => mentions(f.text, s)))
        .filter((f) => siblingFacts.every((sf) => similarity(sf.text, f.text) < DISTINCT_MAX_SIMILARITY))
        .sort((a, b) => factFit(b) - factFit(a) || a.lines[0] - b.lines[0])
        .slice(0, FACTS_PER_CONCEPT);
      for (const f of candidates) {
        const picked = conceptDistractors(ctx, answer, f.text, f.id, { fill: true, broad: false, group: g });
        if (picked.length < 2) continue;
        const stemFact = maskConcept(f.text, answer, ctx.w.blank);
        const none = picked.length < 3;
        const options = [
          { text: answer.name, correct: true },
          ...picked.map((p) => ({ text: p.concept.name, correct: false })),
          ...(none ? [{ text: ctx.w.noneText, correct: false, last: true }] : []),
        ];
        const others = picked.map((p) => p.concept.name);
        const plausibility = [...picked.map((p) => p.plausibility), ...(none ? [NONE_PLAUSIBILITY] : [])];
        const explainOthers = picked
          .map((p) => {
            const ef = p.concept.factIds.map((id) => ctx.factById.get(id)).find((x): x is Fact => !!x && isAssertable(ctx, x) && !startsDeictic(x.text));
            return ef ? ctx.w.explainOther(p.concept.name, ef.text) : null;
          })
          .filter((x): x is string => !!x);
        out.push(
          finishQuestion(ctx, {
            rule: "single-sibling",
            type: "single",
            topicPath: f.topicPath,
            stem: ctx.w.whichDescribed(stemFact, g.title),
            options,
            explanation: [ctx.w.explainAnswerIs(answer.name, f.text), ...explainOthers].join("\n"),
            facts: [f],
            lines: f.lines,
            headingPath: f.headingPath,
            quality: combine("single-sibling", stemFit(stemFact), factFit(f), choiceFit(plausibility, answer.name, others)),
            variant: g.id,
          }),
        );
      }
    }
  }
  return out;
}

