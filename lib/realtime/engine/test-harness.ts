// Test-only: drives a room the way the socket layer will (apply, persist snapshot + log,
// fire the pending timer) and checks the engine's invariants after every transition:
// counters match the seats, exactly one room-log effect per state change, and the state
// rebuilt from the persisted snapshot + log (through JSON) equals the live one.
import { expect } from "vitest";
import { restoreRoom } from "./restore";
import { smValues } from "./shard-map";
import { applyCommand, createRoom, type CreateRoomInput } from "./state";
import type {
  AckResult,
  Broadcast,
  Command,
  Effect,
  PlayerCommand,
  RoomConfigInput,
  RoomDelta,
  RoomQuestionInput,
  RoomState,
  Transition,
} from "./types";

export const T0 = 1_750_000_000_000;

export const QUESTIONS: RoomQuestionInput[] = [
  { id: "q-single", type: "single", choiceIds: ["a", "b", "c", "d"], correctChoiceIds: ["b"] },
  { id: "q-multi", type: "multiple", choiceIds: ["a", "b", "c", "d", "e"], correctChoiceIds: ["a", "c"], choose: 2 },
  { id: "q-tf", type: "truefalse", choiceIds: ["true", "false"], correctChoiceIds: ["false"] },
  { id: "q-single-2", type: "single", choiceIds: ["w", "x", "y", "z"], correctChoiceIds: ["z"] },
  { id: "q-single-3", type: "single", choiceIds: ["w", "x", "y", "z"], correctChoiceIds: ["w"] },
  { id: "q-single-4", type: "single", choiceIds: ["w", "x", "y", "z"], correctChoiceIds: ["x"] },
  { id: "q-single-5", type: "single", choiceIds: ["w", "x", "y", "z"], correctChoiceIds: ["y"] },
  { id: "q-single-6", type: "single", choiceIds: ["w", "x", "y", "z"], correctChoiceIds: ["z"] },
];

export const CORRECT: Record<string, string[]> = Object.fromEntries(QUESTIONS.map((q) => [q.id, q.correctChoiceIds]));
export const WRONG: Record<string, string[]> = {
  "q-single": ["a"],
  "q-multi": ["a", "b"],
  "q-tf": ["true"],
  "q-single-2": ["w"],
  "q-single-3": ["x"],
  "q-single-4": ["y"],
  "q-single-5": ["z"],
  "q-single-6": ["w"],
};

export function groupConfig(overrides: Partial<RoomConfigInput> = {}): RoomConfigInput {
  return {
    mode: "group",
    questionCount: 3,
    secondsPerQuestion: 10,
    speedScoring: true,
    hostPlays: false,
    countdownMs: 3000,
    shuffleQuestions: false,
    shuffleChoices: false,
    ...overrides,
  };
}

export interface HarnessOptions {
  config?: Partial<RoomConfigInput>;
  questions?: RoomQuestionInput[];
  host?: CreateRoomInput["host"];
  seed?: number;
  /** Check persistence/restore after each transition (off for the 5,000-player test). */
  verify?: boolean;
}

export class Harness {
  state: RoomState;
  now = T0;
  /** Effects of the last transition. */
  last: Effect[] = [];
  /** Every effect so far. */
  all: Effect[] = [];
  snapshot: string;
  log: RoomDelta[] = [];
  verify: boolean;

  constructor(options: HarnessOptions = {}) {
    const created = createRoom(
      {
        roomId: "room-1",
        code: "ABCDEF",
        seed: options.seed ?? 42,
        config: groupConfig(options.config),
        questions: options.questions ?? QUESTIONS,
        host: options.host ?? { playerId: "host", nickname: "Host", isGuest: false },
      },
      this.now,
    );
    if (!created.ok) throw new Error(created.message);
    this.state = created.state;
    this.snapshot = JSON.stringify(created.state);
    this.verify = options.verify ?? true;
    this.record(created);
  }

  at(now: number): this {
    this.now = now;
    return this;
  }

  after(ms: number): this {
    this.now += ms;
    return this;
  }

  apply(command: Command, now = this.now): Transition {
    this.now = Math.max(this.now, now);
    const before = this.state;
    const frozenBefore = this.verify ? JSON.stringify(before) : "";
    const result = applyCommand(before, command, now);
    if (this.verify) {
      // Purity: the input state was not touched.
      expect(JSON.stringify(before)).toBe(frozenBefore);
      const logEffects = result.effects.filter((e) => e.kind === "persistRoom" || e.kind === "persistSeat" || e.kind === "persistAnswer");
      if (result.state === before) expect(logEffects).toHaveLength(0);
      else {
        expect(logEffects).toHaveLength(1);
        expect(result.state.seq).toBe(before.seq + 1);
      }
    }
    this.state = result.state;
    this.record(result);
    return result;
  }

  private record(result: Transition) {
    this.last = result.effects;
    this.all.push(...result.effects);
    for (const effect of result.effects) {
      if (effect.kind === "persistRoom") {
        this.snapshot = JSON.stringify(this.state);
        this.log = [];
      } else if (effect.kind === "persistSeat" || effect.kind === "persistAnswer") {
        this.log.push(JSON.parse(JSON.stringify(effect.delta)) as RoomDelta);
      }
    }
    if (this.verify) {
      checkInvariants(this.state);
      const restored = restoreRoom(JSON.parse(this.snapshot) as RoomState, this.log);
      expect(restored).toStrictEqual(JSON.parse(JSON.stringify(this.state)));
    }
  }

  join(playerId: string, nickname = playerId, isGuest = false) {
    return this.apply({ type: "join", playerId, nickname, isGuest });
  }
  rejoin(playerId: string) {
    return this.apply({ type: "rejoin", playerId });
  }
  leave(playerId: string) {
    return this.apply({ type: "leave", playerId });
  }
  answer(playerId: string, choiceIds: string[], round = this.state.round?.index ?? 0) {
    return this.apply({ type: "answer", playerId, round, choiceIds });
  }
  host(type: "start" | "skip" | "next" | "end", playerId = this.state.hostId) {
    return this.apply({ type, playerId });
  }

  /** Fires the pending timer at its due time (or later, `at`), as the socket layer's setTimeout would. */
  fire(at?: number): Transition {
    const timer = this.state.timer;
    if (!timer) throw new Error("no pending timer");
    return this.apply({ type: "timer", timer: { ...timer } }, at ?? Math.max(this.now, timer.at));
  }

  /** start + countdown → round 0 open; returns its startsAt. */
  startAndOpen(): number {
    this.host("start");
    if (this.state.phase === "countdown") this.fire();
    expect(this.state.phase).toBe("question");
    return this.state.round?.startsAt ?? NaN;
  }

  /** From reveal, to the next open question. */
  nextAndOpen(): number {
    if (this.state.timer?.name === "round:next") this.fire();
    else this.host("next");
    if (this.state.phase === "countdown") this.fire();
    expect(this.state.phase).toBe("question");
    return this.state.round?.startsAt ?? NaN;
  }

  get question() {
    const id = this.state.round?.questionId ?? "";
    return { id, correct: CORRECT[id] ?? [], wrong: WRONG[id] ?? [] };
  }
}

export function ackOf(effects: Effect[], playerId?: string): AckResult {
  const found = effects.find((e): e is Extract<Effect, { kind: "ack" }> => e.kind === "ack" && (playerId === undefined || e.playerId === playerId));
  if (!found) throw new Error("no ack");
  return found.result;
}

export function refusal(effects: Effect[]): string | null {
  const result = ackOf(effects);
  return result.ok ? null : result.code;
}

export function kinds(effects: Effect[]): string[] {
  return effects.map((e) => (e.kind === "broadcast" || e.kind === "send" ? `${e.kind}:${e.event}` : e.kind));
}

export function broadcasts<E extends Broadcast["event"]>(effects: Effect[], event: E) {
  type Out = { kind: "broadcast"; roomId: string } & Extract<Broadcast, { event: E }>;
  return effects.filter((e): e is Out => e.kind === "broadcast" && e.event === event);
}

export function seat(state: RoomState, playerId: string) {
  for (const s of smValues(state.seats)) if (s.playerId === playerId) return s;
  throw new Error(`no seat ${playerId}`);
}

/** The engine's counters are derivable from the seats; they must always agree. */
export function checkInvariants(state: RoomState): void {
  let seats = 0;
  let players = 0;
  let connected = 0;
  let answered = 0;
  let pending = 0;
  const round = state.round;
  for (const s of smValues(state.seats)) {
    seats += 1;
    if (!s.plays) continue;
    players += 1;
    if (s.connected) connected += 1;
    const last = s.answers[s.answers.length - 1];
    const has = !!round && !!last && last.round === round.index;
    if (has) answered += 1;
    if (s.connected && !has) pending += 1;
  }
  expect(state.counts).toEqual({ seats, players, connected });
  if (state.phase === "question" && round) {
    expect(round.answeredCount).toBe(answered);
    expect(round.pendingConnected).toBe(pending);
  }
}

export type { PlayerCommand };
