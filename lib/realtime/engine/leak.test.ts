// Nothing that reaches a client before a round is revealed may depend on which choices
// are correct. Two checks over every effect and every view produced while a round is in
// countdown or open:
//   1. no key that carries correctness (correctChoiceIds, correct, points) appears in an
//      ack, broadcast, send, progress snapshot or view;
//   2. indistinguishability: two rooms that differ ONLY in the correct answer of round k
//      produce byte-identical effects and views up to the close of round k.
import { describe, expect, it } from "vitest";
import { publicRoundView, playerView, progressSnapshot } from "./views";
import { Harness, QUESTIONS } from "./test-harness";
import type { RoomQuestionInput, Transition } from "./types";

const FORBIDDEN = new Set(["correctChoiceIds", "correct", "points"]);
const PLAYERS = ["p1", "p2", "p3"];

function forbiddenKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...(FORBIDDEN.has(k) ? [`${path}.${k}`] : []), ...forbiddenKeys(v, `${path}.${k}`)]);
  }
  return [];
}

function scenario(questions: RoomQuestionInput[], lastRound: number) {
  const h = new Harness({ questions, config: { questionCount: 3, shuffleChoices: true, countdownMs: 3000 } });
  const all: string[] = [];
  const beforeReveal: unknown[] = [];
  const note = (label: string, value: unknown, clientFacing = true) => {
    all.push(`${label} ${JSON.stringify(value)}`);
    const open = h.state.phase === "countdown" || h.state.phase === "question" || h.state.phase === "lobby";
    if (open && clientFacing) beforeReveal.push(value);
  };
  const step = (label: string, result: Transition) => {
    for (const effect of result.effects) {
      // Persist effects stay on the server (the log holds past rounds' results); they are
      // still part of the indistinguishability check through `all`.
      note(label, effect, !effect.kind.startsWith("persist"));
      if (effect.kind === "progress") note("progress", progressSnapshot(h.state));
    }
  };
  const views = (label: string) => {
    note(`${label} round`, publicRoundView(h.state));
    for (const id of ["host", ...PLAYERS]) note(`${label} view ${id}`, playerView(h.state, id, h.now));
    note(`${label} progress`, progressSnapshot(h.state));
  };

  for (const id of PLAYERS) step(`join ${id}`, h.join(id));
  views("lobby");
  step("start", h.host("start"));
  views("countdown");
  for (let r = 0; r <= lastRound; r++) {
    if (r > 0) {
      step("next", h.host("next"));
      views(`countdown ${r}`);
    }
    h.after(1000);
    step("open", h.fire());
    views(`open ${r}`);
    const shown = publicRoundView(h.state);
    if (shown?.status !== "open") throw new Error("round not open");
    const { choiceIds, choose, type } = shown.question;
    const pick = (offset: number) => (type === "multiple" ? choiceIds.slice(offset, offset + (choose ?? 2)) : [choiceIds[offset] ?? ""]);
    step("p1", h.after(700).answer("p1", pick(0)));
    step("p1 again", h.after(100).answer("p1", pick(1)));
    step("p2 invalid", h.after(100).answer("p2", ["nope"]));
    step("p2", h.after(100).answer("p2", pick(1)));
    step("p3 leaves", h.after(100).leave("p3"));
    views(`answered ${r}`);
    step("p3 back", h.after(100).rejoin("p3"));
    views(`back ${r}`);
    if (r < lastRound) {
      step("p3", h.after(100).answer("p3", pick(0)));
      step("close", h.fire());
    }
  }
  return { all, beforeReveal };
}

/** The same questions with the correct answer of `index` changed (same count, same `choose`). */
function variant(index: number): RoomQuestionInput[] {
  return QUESTIONS.map((q, i) => {
    if (i !== index) return q;
    const others = q.choiceIds.filter((c) => !q.correctChoiceIds.includes(c));
    return { ...q, correctChoiceIds: others.slice(0, q.correctChoiceIds.length) };
  });
}

describe("no correct answer before the reveal", () => {
  it("no correctness key in any effect or view while a round is in countdown or open", () => {
    const { beforeReveal, all } = scenario(QUESTIONS, 2);
    expect(beforeReveal.length).toBeGreaterThan(100);
    expect(beforeReveal.flatMap((v) => forbiddenKeys(v))).toEqual([]);
    // The detector works: the reveals themselves do carry the answer.
    expect(all.some((line) => line.includes('"event":"round:reveal"') && line.includes('"correctChoiceIds"'))).toBe(true);
  });

  for (const k of [0, 1, 2]) {
    it(`rooms differing only in round ${k}'s answer are indistinguishable until it closes`, () => {
      const a = scenario(QUESTIONS, k).all;
      const b = scenario(variant(k), k).all;
      expect(variant(k)[k]?.correctChoiceIds).not.toEqual(QUESTIONS[k]?.correctChoiceIds);
      expect(b).toEqual(a);
    });
  }
});
