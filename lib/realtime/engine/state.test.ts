import { describe, expect, it } from "vitest";
import { GRACE_MS, applyCommand, createRoom, pendingSchedule, rematch } from "./state";
import { restoreRoom } from "./restore";
import { playerView, progressSnapshot, reviewFor, type PlayerView } from "./views";
import { Harness, QUESTIONS, T0, ackOf, broadcasts, groupConfig, kinds, refusal, seat } from "./test-harness";
import type { AnswerAckData, Effect, RoomState } from "./types";

function withPlayers(ids: string[], options: ConstructorParameters<typeof Harness>[0] = {}): Harness {
  const h = new Harness(options);
  for (const id of ids) h.join(id);
  return h;
}

function roundResult(effects: Effect[], playerId: string) {
  const e = effects.find((x) => x.kind === "send" && x.event === "round:result" && x.playerId === playerId);
  if (!e || e.kind !== "send" || e.event !== "round:result") throw new Error(`no round:result for ${playerId}`);
  return e.payload;
}

describe("createRoom", () => {
  it("validates the config and the questions", () => {
    const base = {
      roomId: "r",
      code: "ABCDEF",
      seed: 1,
      config: groupConfig(),
      questions: QUESTIONS,
      host: { playerId: "host", nickname: "Host", isGuest: false },
    };
    expect(createRoom(base, T0).ok).toBe(true);
    expect(createRoom({ ...base, config: groupConfig({ secondsPerQuestion: 4 }) }, T0).ok).toBe(false);
    expect(createRoom({ ...base, config: groupConfig({ secondsPerQuestion: 121 }) }, T0).ok).toBe(false);
    expect(createRoom({ ...base, config: groupConfig({ mode: "duel", hostPlays: false }) }, T0).ok).toBe(false);
    expect(createRoom({ ...base, config: groupConfig({ questionCount: 9 }) }, T0).ok).toBe(false);
    expect(createRoom({ ...base, seed: -1 }, T0).ok).toBe(false);
    expect(createRoom({ ...base, host: { playerId: "__proto__", nickname: "x", isGuest: true } }, T0).ok).toBe(false);
    const badCorrect = [{ id: "x", type: "single" as const, choiceIds: ["a", "b"], correctChoiceIds: ["c"] }];
    expect(createRoom({ ...base, config: groupConfig({ questionCount: 1 }), questions: badCorrect }, T0).ok).toBe(false);
    const badChoose = [{ id: "x", type: "multiple" as const, choiceIds: ["a", "b", "c"], correctChoiceIds: ["a", "b"], choose: 3 }];
    expect(createRoom({ ...base, config: groupConfig({ questionCount: 1 }), questions: badChoose }, T0).ok).toBe(false);
  });

  it("picks and orders questions and choices from the seed, deterministically", () => {
    const make = (seed: number) => {
      const r = createRoom(
        {
          roomId: "r",
          code: "ABCDEF",
          seed,
          config: groupConfig({ questionCount: 5, shuffleQuestions: true, shuffleChoices: true }),
          questions: QUESTIONS,
          host: { playerId: "host", nickname: "Host", isGuest: false },
        },
        T0,
      );
      if (!r.ok) throw new Error(r.message);
      return r.state.questions;
    };
    expect(make(7)).toStrictEqual(make(7));
    const orders = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(make(s).map((q) => [q.id, q.choiceIds]))));
    expect(orders.size).toBeGreaterThan(1);
    for (const q of make(3)) {
      const original = QUESTIONS.find((x) => x.id === q.id);
      expect([...q.choiceIds].sort()).toEqual([...(original?.choiceIds ?? [])].sort());
      if (q.type === "truefalse") expect(q.choiceIds).toEqual(["true", "false"]);
    }
  });
});

describe("round timing", () => {
  it("counts down, opens at startsAt, and accepts answers up to deadline + grace exactly", () => {
    const h = withPlayers(["p1", "p2", "p3"]);
    const start = h.host("start");
    expect(h.state.phase).toBe("countdown");
    const countdown = broadcasts(start.effects, "round:countdown")[0];
    expect(countdown?.payload).toEqual({ round: 0, total: 3, startsAt: T0 + 3000, serverNow: T0 });
    expect(start.effects).toContainEqual({
      kind: "schedule",
      roomId: "room-1",
      at: T0 + 3000,
      command: { type: "timer", timer: { name: "round:open", round: 0, at: T0 + 3000 } },
    });

    // Before the question opens.
    h.at(T0 + 2999);
    expect(refusal(h.answer("p1", ["b"]).effects)).toBe("round_not_open");

    // The open timer fires 40 ms late: t is measured from when the question was really released.
    const opened = h.fire(T0 + 3040);
    const start0 = broadcasts(opened.effects, "round:start")[0]?.payload;
    expect(start0?.startsAt).toBe(T0 + 3040);
    expect(start0?.deadlineAt).toBe(T0 + 3040 + 10_000);
    expect(h.state.timer).toEqual({ name: "round:close", round: 0, at: T0 + 3040 + 10_000 + GRACE_MS });

    const deadline = T0 + 3040 + 10_000;
    h.at(deadline + GRACE_MS);
    expect(ackOf(h.answer("p1", ["b"]).effects)).toMatchObject({ ok: true, data: { responseMs: 10_000 } });
    h.at(deadline + GRACE_MS + 1);
    expect(refusal(h.answer("p2", ["b"]).effects)).toBe("too_late");

    h.fire();
    expect(h.state.phase).toBe("reveal");
    expect(h.state.round?.closeReason).toBe("deadline");
    // Inside the grace the time is clamped to T: the deadline rate, never more.
    expect(seat(h.state, "p1").score).toBe(500);
    expect(refusal(h.answer("p3", ["b"], 0).effects)).toBe("too_late");
  });

  it("answering a round other than the current one is refused with the right code", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    expect(refusal(h.answer("p1", ["b"], 1).effects)).toBe("round_not_open");
    h.host("skip");
    h.nextAndOpen();
    expect(refusal(h.answer("p1", ["a", "c"], 0).effects)).toBe("too_late");
    expect(ackOf(h.answer("p1", ["a", "c"], 1).effects).ok).toBe(true);
  });

  it("ignores stale timers and re-arms a timer that fires early", () => {
    const h = withPlayers(["p1"]);
    h.host("start");
    const timer = h.state.timer;
    if (!timer) throw new Error("no timer");
    const early = h.apply({ type: "timer", timer }, timer.at - 5);
    expect(early.state.phase).toBe("countdown");
    expect(kinds(early.effects)).toEqual(["schedule"]);
    const stale = h.apply({ type: "timer", timer: { ...timer, name: "round:close" } }, timer.at + 10);
    expect(stale.effects).toEqual([]);
    expect(stale.state.phase).toBe("countdown");
    h.fire();
    const closeTimer = h.state.timer;
    h.host("skip");
    // The deadline timer of a round that was skipped is a no-op when it fires.
    const late = h.apply({ type: "timer", timer: closeTimer as NonNullable<typeof closeTimer> }, h.now + 20_000);
    expect(late.effects).toEqual([]);
  });

  it("countdownMs 0 opens the question at once", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    const start = h.host("start");
    expect(h.state.phase).toBe("question");
    expect(kinds(start.effects)).toEqual(["persistRoom", "ack", "broadcast:round:start", "schedule"]);
  });
});

describe("scoring through the engine", () => {
  it("instant correct 1000, correct at T 500, wrong 0, no answer 0", () => {
    const h = withPlayers(["fast", "slow", "wrong", "silent"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    h.at(startsAt).answer("fast", ["b"]);
    h.at(startsAt + 1).answer("wrong", ["a"]);
    h.at(startsAt + 10_000).answer("slow", ["b"]);
    const closed = h.fire();
    expect(roundResult(closed.effects, "fast")).toMatchObject({ correct: true, points: 1000, streak: 1, rank: 1 });
    expect(roundResult(closed.effects, "slow")).toMatchObject({ correct: true, points: 500, rank: 2 });
    expect(roundResult(closed.effects, "wrong")).toMatchObject({ correct: false, points: 0, streak: 0 });
    expect(roundResult(closed.effects, "silent")).toMatchObject({ answered: false, correct: false, points: 0 });
    const results = closed.effects.find((e) => e.kind === "persistResults");
    expect(results).toMatchObject({ kind: "persistResults", round: 0, questionId: "q-single" });
  });

  it("closing a round leaves the state it closed untouched (ranks are set on the new seats only)", () => {
    const h = withPlayers(["second", "first", "silent"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    h.at(startsAt + 1).answer("first", ["b"]);
    h.at(startsAt + 2).answer("second", ["b"]);
    const before = h.state;
    const copy = structuredClone(before);
    h.fire();
    expect(before).toEqual(copy);
    expect(seat(h.state, "first")).toMatchObject({ rank: 1, score: 1000 });
    expect(seat(before, "first")).toMatchObject({ rank: null, score: 0 });
    expect(h.state.top.map((entry) => entry.playerId)).toEqual(["first", "second", "silent"]);
  });

  it("speedScoring off: 1000 flat for a correct answer", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0, speedScoring: false } });
    const startsAt = h.startAndOpen();
    h.at(startsAt + 9_999).answer("p1", ["b"]);
    h.at(startsAt + 100).answer("p2", ["c"]);
    h.fire();
    expect(seat(h.state, "p1").score).toBe(1000);
    expect(seat(h.state, "p2").score).toBe(0);
  });

  it("multiple response is all-or-nothing", () => {
    const h = withPlayers(["all", "part"], { config: { countdownMs: 0, speedScoring: false } });
    h.startAndOpen();
    h.host("skip");
    h.nextAndOpen(); // q-multi, correct a + c
    h.answer("all", ["c", "a"]);
    h.answer("part", ["a", "b"]);
    h.fire();
    expect(seat(h.state, "all").answers[0]).toMatchObject({ round: 1, correct: true, points: 1000 });
    expect(seat(h.state, "part").answers[0]).toMatchObject({ round: 1, correct: false, points: 0 });
  });

  it("streak bonus grows by 100, caps at +500, and resets on a wrong or missing answer", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0, questionCount: 8, speedScoring: false, autoAdvanceMs: 1000 } });
    const p1Points: number[] = [];
    h.startAndOpen();
    for (let r = 0; r < 8; r++) {
      if (r > 0) h.nextAndOpen();
      h.answer("p1", h.question.correct);
      if (r === 2) h.answer("p2", h.question.wrong);
      else if (r !== 4) h.answer("p2", h.question.correct);
      const closed = h.fire();
      p1Points.push(roundResult(closed.effects, "p1").points);
      if (r === 2 || r === 4) expect(roundResult(closed.effects, "p2")).toMatchObject({ streak: 0, points: 0 });
    }
    expect(p1Points).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
    expect(seat(h.state, "p1")).toMatchObject({ streak: 8, bestStreak: 8, correctCount: 8, score: 10_500 });
    // p2: 2 correct (1000 + 1100), wrong, 1 correct (1000), none, 3 correct (1000 + 1100 + 1200).
    expect(seat(h.state, "p2")).toMatchObject({ streak: 3, bestStreak: 3, score: 1000 + 1100 + 1000 + 1000 + 1100 + 1200 });
  });
});

describe("answers", () => {
  it("a duplicate answer is refused and scored once", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    h.at(startsAt).answer("p1", ["a"]);
    const again = h.at(startsAt + 10).answer("p1", ["b"]);
    expect(refusal(again.effects)).toBe("duplicate");
    expect(again.state.round?.answeredCount).toBe(1);
    h.answer("p2", ["b"]);
    h.fire();
    expect(seat(h.state, "p1")).toMatchObject({ score: 0, answers: [{ choiceIds: ["a"], correct: false }] });
  });

  it("refuses unknown choices and wrong counts with invalid_choice", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    for (const bad of [[], ["zz"], ["a", "b"], ["b", "b"], [1 as unknown as string]]) {
      expect(refusal(h.answer("p1", bad).effects)).toBe("invalid_choice");
    }
    h.host("skip");
    h.nextAndOpen(); // multiple, choose 2
    for (const bad of [["a"], ["a", "b", "c"], ["a", "a"], ["a", "x"]]) {
      expect(refusal(h.answer("p1", bad).effects)).toBe("invalid_choice");
    }
    expect(ackOf(h.answer("p1", ["a", "e"]).effects).ok).toBe(true);
  });

  it("a presenting host cannot answer; unknown players are not in the room", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    expect(refusal(h.answer("host", ["b"]).effects)).toBe("not_playing");
    expect(refusal(h.answer("ghost", ["b"]).effects)).toBe("not_in_room");
    expect(refusal(h.apply({ type: "answer", playerId: "", round: 0, choiceIds: ["b"] }).effects)).toBe("invalid_player");
  });

  it("the ack reveals nothing about correctness", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    const ack = ackOf(h.at(startsAt + 1234).answer("p1", ["b"]).effects);
    expect(ack).toEqual({
      ok: true,
      data: { round: 0, questionId: "q-single", choiceIds: ["b"], answeredAt: startsAt + 1234, responseMs: 1234 } satisfies AnswerAckData,
    });
  });
});

describe("early close", () => {
  it("closes as soon as every connected player has answered", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    h.at(startsAt + 1000).answer("p1", ["b"]);
    expect(h.state.timer?.at).toBe(startsAt + 10_000 + GRACE_MS);
    const last = h.at(startsAt + 2000).answer("p2", ["c"]);
    expect(last.effects).toContainEqual({
      kind: "schedule",
      roomId: "room-1",
      at: startsAt + 2000,
      command: { type: "timer", timer: { name: "round:close", round: 0, at: startsAt + 2000 } },
    });
    const closed = h.fire();
    expect(h.state.phase).toBe("reveal");
    expect(h.state.round?.closeReason).toBe("all_answered");
    expect(broadcasts(closed.effects, "round:reveal")).toHaveLength(1);
  });

  it("ignores disconnected players, and closes when the last unanswered player disconnects", () => {
    const h = withPlayers(["p1", "p2", "p3"], { config: { countdownMs: 0 } });
    h.leave("p3");
    h.startAndOpen();
    h.answer("p1", ["b"]);
    expect(h.state.timer?.at).toBeGreaterThan(h.now);
    h.answer("p2", ["b"]);
    expect(h.state.timer?.at).toBe(h.now);
    h.fire();
    expect(h.state.round?.closeReason).toBe("all_answered");

    h.nextAndOpen();
    h.answer("p1", ["a", "c"]);
    const left = h.after(500).leave("p2");
    expect(left.state.timer).toEqual({ name: "round:close", round: 1, at: h.now });
  });

  it("a rejoining player who has not answered cancels a pending early close", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0 } });
    h.leave("p2");
    const startsAt = h.startAndOpen();
    h.at(startsAt + 1000).answer("p1", ["b"]);
    expect(h.state.timer?.at).toBe(startsAt + 1000);
    const back = h.rejoin("p2");
    expect(back.state.timer?.at).toBe(startsAt + 10_000 + GRACE_MS);
    expect(kinds(back.effects)).toContain("schedule");
  });

  it("never closes early when nobody is connected", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    h.leave("p1");
    expect(h.state.timer?.at).toBe(h.state.round?.closesAt);
  });
});

describe("authority", () => {
  it("only the host can start, skip, next and end", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0 } });
    expect(refusal(h.host("start", "p1").effects)).toBe("not_host");
    expect(h.state.phase).toBe("lobby");
    h.startAndOpen();
    expect(refusal(h.host("skip", "p1").effects)).toBe("not_host");
    expect(refusal(h.host("end", "p2").effects)).toBe("not_host");
    expect(refusal(h.host("skip", "ghost").effects)).toBe("not_in_room");
    expect(h.state.phase).toBe("question");
    h.host("skip");
    expect(refusal(h.host("next", "p1").effects)).toBe("not_host");
    expect(refusal(h.host("start").effects)).toBe("wrong_phase");
    expect(refusal(h.host("skip").effects)).toBe("wrong_phase");
  });

  it("a group needs a player to start when the host presents", () => {
    const h = new Harness();
    expect(refusal(h.host("start").effects)).toBe("not_enough_players");
  });

  it("joining is for the lobby; a known player joining later is a rejoin", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    expect(refusal(h.join("late").effects)).toBe("wrong_phase");
    h.leave("p1");
    const back = h.join("p1", "ignored nickname");
    expect(ackOf(back.effects)).toMatchObject({ ok: true, data: { me: { playerId: "p1", nickname: "p1", connected: true } } });
    expect(refusal(h.apply({ type: "rejoin", playerId: "stranger" }).effects)).toBe("not_in_room");
  });

  it("refuses empty nicknames and a full group", () => {
    const h = new Harness({ config: { maxSeats: 3 } });
    expect(refusal(h.join("p1", "   ").effects)).toBe("invalid_player");
    h.join("p1");
    h.join("p2");
    expect(refusal(h.join("p3").effects)).toBe("room_full");
  });
});

describe("reconnection", () => {
  it("restores the seat, score, streak, current question and remaining time", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0, speedScoring: false } });
    h.startAndOpen();
    h.answer("p1", ["b"]);
    h.answer("p2", ["a"]);
    h.fire();
    h.leave("p1");
    const startsAt = h.nextAndOpen();
    expect(seat(h.state, "p1").connected).toBe(false);

    const back = h.at(startsAt + 4000).rejoin("p1");
    const view = ackOf(back.effects);
    if (!view.ok) throw new Error("refused");
    const data = view.data as PlayerView;
    expect(data).toMatchObject({
      phase: "question",
      remainingMs: 6000,
      serverNow: startsAt + 4000,
      me: { playerId: "p1", connected: true, score: 1000, streak: 1, rank: 1, answer: null },
      round: { status: "open", round: 1, question: { id: "q-multi", choiceIds: ["a", "b", "c", "d", "e"], choose: 2 } },
    });
    expect(JSON.stringify(data)).not.toMatch(/"correct"|"correctChoiceIds"|"points"/);

    h.at(startsAt + 5000).answer("p1", ["a", "c"]);
    h.leave("p1");
    const again = ackOf(h.at(startsAt + 6000).rejoin("p1").effects);
    expect(again).toMatchObject({ ok: true, data: { remainingMs: 4000, me: { answer: { round: 1, choiceIds: ["a", "c"], responseMs: 5000 } } } });
    expect(JSON.stringify(again)).not.toMatch(/"correct"|"correctChoiceIds"|"points"/);

    h.fire(); // p2 never answered; the deadline closes the round
    const revealed = playerView(h.state, "p1", h.now);
    expect(revealed?.me.answer).toMatchObject({ correct: true, points: 1100 });
    expect(revealed?.round).toMatchObject({ status: "revealed", correctChoiceIds: ["a", "c"] });
  });

  it("a second connection of a connected player changes nothing", () => {
    const h = withPlayers(["p1"]);
    const before = h.state;
    const again = h.rejoin("p1");
    expect(again.state).toBe(before);
    expect(kinds(again.effects)).toEqual(["ack"]);
  });

  it("views and progress are O(1) snapshots that agree with the state", () => {
    const h = withPlayers(["p1", "p2", "p3"], { config: { countdownMs: 0 } });
    h.leave("p3");
    h.startAndOpen();
    h.answer("p1", ["b"]);
    expect(progressSnapshot(h.state)).toEqual({ roomId: "room-1", phase: "question", round: 0, total: 3, seats: 4, players: 3, connected: 2, answered: 1 });
    expect(playerView(h.state, "nobody", h.now)).toBeNull();
    expect(playerView(h.state, "host", h.now)?.me).toMatchObject({ isHost: true, plays: false, rank: null });
  });
});

describe("duel", () => {
  const duel = { mode: "duel" as const, hostPlays: true, countdownMs: 0 };

  it("has exactly two seats and refuses a third", () => {
    const h = new Harness({ config: duel });
    expect(refusal(h.host("start").effects)).toBe("not_enough_players");
    h.join("rival");
    expect(refusal(h.join("third").effects)).toBe("room_full");
    expect(h.state.counts.seats).toBe(2);
    h.startAndOpen();
    expect(h.state.counts).toEqual({ seats: 2, players: 2, connected: 2 });
  });

  it("starts by itself when matchmade, and advances automatically", () => {
    const h = new Harness({ config: { ...duel, autoStart: true, countdownMs: 3000 } });
    const joined = h.join("rival");
    expect(h.state.phase).toBe("countdown");
    expect(kinds(joined.effects)).toEqual(["persistRoom", "ack", "broadcast:round:countdown", "progress", "schedule"]);
    expect(ackOf(joined.effects)).toMatchObject({ ok: true, data: { phase: "countdown", remainingMs: 3000 } });
    h.fire();
    h.answer("host", ["b"]);
    h.answer("rival", ["b"]);
    h.fire();
    expect(h.state.timer).toMatchObject({ name: "round:next", at: h.now + 5000 });
    h.fire();
    expect(h.state.phase).toBe("countdown");
    expect(h.state.round?.index).toBe(1);
  });
});

describe("game flow", () => {
  it("plays to the podium; review shows each question with the player's and the correct answer", () => {
    const h = withPlayers(["ann", "bob", "cat", "dan"], { config: { countdownMs: 0, speedScoring: false } });
    h.startAndOpen();
    for (let r = 0; r < 3; r++) {
      if (r > 0) h.nextAndOpen();
      const { correct, wrong } = h.question;
      h.answer("ann", correct);
      h.answer("bob", r === 0 ? wrong : correct);
      h.answer("cat", r < 2 ? wrong : correct);
      h.fire();
      const reveal = broadcasts(h.last, "round:reveal")[0]?.payload;
      expect(reveal?.isLast).toBe(r === 2);
    }
    const done = h.host("next");
    expect(h.state.phase).toBe("finished");
    const finished = broadcasts(done.effects, "room:finished")[0]?.payload;
    expect(finished?.reason).toBe("completed");
    expect(finished?.podium.map((e) => e.playerId)).toEqual(["ann", "bob", "cat"]);
    expect(finished?.leaderboard.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
    expect(done.effects.filter((e) => e.kind === "send" && e.event === "room:result")).toHaveLength(4);

    const review = reviewFor(h.state, "bob");
    expect(review?.map((i) => [i.questionId, i.yourChoiceIds, i.correctChoiceIds, i.correct, i.points])).toEqual([
      ["q-single", ["a"], ["b"], false, 0],
      ["q-multi", ["a", "c"], ["a", "c"], true, 1000],
      ["q-tf", ["false"], ["false"], true, 1100],
    ]);
    expect(reviewFor(h.state, "dan")?.every((i) => i.yourChoiceIds === null && i.points === 0)).toBe(true);
    expect(reviewFor(h.state, "nobody")).toBeNull();
    expect(refusal(h.host("end").effects)).toBe("wrong_phase");
  });

  it("end mid-round scores the answers given so far and finishes", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0, speedScoring: false } });
    h.startAndOpen();
    h.answer("p1", ["b"]);
    const ended = h.host("end");
    expect(h.state).toMatchObject({ phase: "finished", finishReason: "ended", timer: null });
    expect(kinds(ended.effects)).toEqual(["persistResults", "persistRoom", "ack", "broadcast:room:finished", "send:room:result", "send:room:result", "cancelSchedule"]);
    expect(seat(h.state, "p1").score).toBe(1000);
    expect(h.state.history[0]?.closeReason).toBe("ended");
  });

  it("end from the lobby closes the room", () => {
    const h = withPlayers(["p1"]);
    h.host("end");
    expect(h.state.phase).toBe("finished");
    expect(refusal(h.join("p2").effects)).toBe("wrong_phase");
  });
});

describe("rematch", () => {
  it("keeps the players and config, resets the scores, and uses a new seed", () => {
    const h = withPlayers(["p1", "p2"], { config: { countdownMs: 0, shuffleQuestions: true, questionCount: 8 } });
    h.leave("p2");
    h.startAndOpen();
    h.answer("p1", h.question.correct);
    h.fire();
    h.host("end");
    expect(seat(h.state, "p1").score).toBeGreaterThan(0);

    expect(rematch(h.state, { byPlayerId: "p1", roomId: "room-2", code: "GHJKMN", seed: 99 }, h.now)).toMatchObject({ ok: false, code: "not_host" });
    const r = rematch(h.state, { byPlayerId: "host", roomId: "room-2", code: "GHJKMN", seed: 99 }, h.now);
    if (!r.ok) throw new Error(r.code);
    expect(r.state).toMatchObject({ roomId: "room-2", code: "GHJKMN", seed: 99, rematchOf: "room-1", phase: "lobby", seq: 1, history: [], top: [] });
    expect(r.state.config).toStrictEqual(h.state.config);
    expect(r.state.counts).toEqual({ seats: 3, players: 2, connected: 1 });
    expect(seat(r.state, "p1")).toMatchObject({ score: 0, streak: 0, answers: [], rank: null, connected: true });
    expect(seat(r.state, "p2")).toMatchObject({ connected: false });
    expect(seat(r.state, "host")).toMatchObject({ isHost: true, plays: false });
    expect(r.state.questions.map((q) => q.id).sort()).toEqual(h.state.questions.map((q) => q.id).sort());
    expect(r.state.questions.map((q) => q.id)).not.toEqual(h.state.questions.map((q) => q.id));
    expect(r.effects).toEqual([
      { kind: "persistRoom", roomId: "room-2", seq: 1 },
      { kind: "broadcast", roomId: "room-1", event: "room:rematch", payload: { roomId: "room-2", code: "GHJKMN" } },
    ]);
    const next = applyCommand(r.state, { type: "start", playerId: "host" }, h.now);
    expect(next.state.phase).toBe("question");
  });

  it("is only for finished rooms", () => {
    const h = withPlayers(["p1"]);
    expect(rematch(h.state, { byPlayerId: "host", roomId: "r2", code: "GHJKMN", seed: 1 }, h.now)).toMatchObject({ ok: false, code: "wrong_phase" });
  });

  it("a matchmade duel rematch starts at once", () => {
    const h = new Harness({ config: { mode: "duel", hostPlays: true, autoStart: true } });
    h.join("rival");
    h.host("end");
    const r = rematch(h.state, { byPlayerId: "host", roomId: "room-2", code: "GHJKMN", seed: 5 }, h.now);
    if (!r.ok) throw new Error(r.code);
    expect(r.state.phase).toBe("countdown");
    expect(kinds(r.effects)).toEqual(["persistRoom", "broadcast:room:rematch", "broadcast:round:countdown", "schedule"]);
  });
});

describe("serializable state and takeover", () => {
  it("a process can continue mid-round from JSON.parse(JSON.stringify(state))", () => {
    const h = withPlayers(["p1", "p2", "p3"], { config: { countdownMs: 0 } });
    const startsAt = h.startAndOpen();
    h.at(startsAt + 1500).answer("p1", ["b"]);
    h.leave("p3");

    const json = JSON.stringify(h.state);
    const taken = JSON.parse(json) as RoomState;
    expect(taken).toStrictEqual(h.state);
    expect(pendingSchedule(taken)).toEqual({
      kind: "schedule",
      roomId: "room-1",
      at: startsAt + 10_000 + GRACE_MS,
      command: { type: "timer", timer: { name: "round:close", round: 0, at: startsAt + 10_000 + GRACE_MS } },
    });

    // Both the original and the takeover process get the same inputs from here on.
    const script: [Parameters<typeof applyCommand>[1], number][] = [
      [{ type: "answer", playerId: "p1", round: 0, choiceIds: ["c"] }, startsAt + 2000],
      [{ type: "answer", playerId: "p2", round: 0, choiceIds: ["b"] }, startsAt + 3000],
      [{ type: "timer", timer: { name: "round:close", round: 0, at: startsAt + 3000 } }, startsAt + 3000],
      [{ type: "rejoin", playerId: "p3" }, startsAt + 4000],
      [{ type: "next", playerId: "host" }, startsAt + 5000],
    ];
    let a: RoomState = h.state;
    let b: RoomState = taken;
    for (const [command, now] of script) {
      const ra = applyCommand(a, command, now);
      const rb = applyCommand(JSON.parse(JSON.stringify(b)) as RoomState, command, now);
      expect(rb).toStrictEqual(ra);
      a = ra.state;
      b = rb.state;
    }
    expect(b.phase).toBe("question");
    expect(seat(b, "p1").score).toBe(925);
    expect(seat(b, "p2").score).toBe(850);
  });

  it("rebuilds from the last snapshot plus the log, and refuses a log with a hole", () => {
    const h = withPlayers(["p1", "p2", "p3"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    const snapshot = JSON.parse(h.snapshot) as RoomState;
    h.answer("p1", ["b"]);
    h.leave("p2");
    h.answer("p3", ["a"]);
    expect(h.log.map((d) => d.type)).toEqual(["answer", "seat", "answer"]);
    expect(restoreRoom(snapshot, [...h.log].reverse())).toStrictEqual(JSON.parse(JSON.stringify(h.state)));
    expect(restoreRoom(snapshot, [...h.log, ...h.log])).toStrictEqual(JSON.parse(JSON.stringify(h.state)));
    expect(() => restoreRoom(snapshot, h.log.slice(1))).toThrow(/missing/);
  });
});

describe("purity", () => {
  it("the same inputs give the same outputs, and a refusal returns the same state object", () => {
    const h = withPlayers(["p1"], { config: { countdownMs: 0 } });
    h.startAndOpen();
    const command = { type: "answer" as const, playerId: "p1", round: 0, choiceIds: ["b"] };
    expect(applyCommand(h.state, command, h.now + 100)).toStrictEqual(applyCommand(h.state, command, h.now + 100));
    const refused = applyCommand(h.state, { type: "start", playerId: "p1" }, h.now);
    expect(refused.state).toBe(h.state);
  });
});
