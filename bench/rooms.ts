// npm run bench:rooms -- --players 5000 --rooms 1 [--rounds 3] [--seconds 5] [--bot-procs 2] [--processes 2 [--pairs 2]]
//
// Live rooms under load, on loopback only. The room server (the app's own startRealtime:
// Socket.IO, the room service, PostgreSQL) runs in a child process; socket.io-client bots,
// spread over --bot-procs child processes, join by code, receive each question, answer (the
// ack means "stored in PostgreSQL") and wait for the reveal; hosts in this process drive
// the rounds. Then, in the same run, a raw `ws` server does the same fan-out (question
// broadcast, a per-player ack, one leaderboard) to raw `ws` bots: the baseline.
// Progress goes to stderr; the last stdout line is one JSON object.
//
// Measured: question fan-out (the server's round start → a bot has it), answer ack,
// leaderboard after the round closes (deadline + GRACE_MS: answers are accepted until then),
// server memory per player (RSS and heap after GC, minus the same before the bots joined),
// and per round the room process's event-loop delay p99 and CPU time.
//
// --processes 2: two room processes share the rooms through Redis (REDIS_URL, else a
// redis-server started on a free loopback port); the rooms are created on the first. The
// game runs twice in the same run: every bot on the first process ("one process"), then the
// bots of each room alternating between both ("split"). crossProcessHopMs is split minus one;
// with --pairs 2 or more, crossProcessHopNoiseFloorMs is the same difference between two runs
// of one condition; busHopServerSideMs times the hop itself (PUBLISH on the owner → frames
// written on the other process), which the bots' share of the two CPUs does not blur.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer, connect as tcpConnect } from "node:net";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import WebSocket, { WebSocketServer } from "ws";
import { issueGuestToken } from "../lib/auth/guest";
import { storeBank } from "../lib/banks/store";
import { createDb } from "../lib/db";
import { GRACE_MS, type RevealPayload, type RoundStartPayload } from "../lib/realtime/engine";
import { startRealtime } from "../lib/realtime/server";
import { fixtureBank } from "../test/fixtures";
import { benchDatabase, summary } from "./support";

const { values: args } = parseArgs({
  options: {
    players: { type: "string", default: "5000" },
    rooms: { type: "string", default: "1" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    "bot-procs": { type: "string", default: "2" },
    role: { type: "string", default: "main" },
    worker: { type: "string", default: "0" },
    processes: { type: "string", default: "1" },
    pairs: { type: "string", default: "1" },
  },
  allowPositionals: true,
});

const PLAYERS = Math.max(1, Math.min(20_000, Number(args.players)));
const ROOMS = Math.max(1, Math.min(1_000, Number(args.rooms)));
const ROUNDS = Math.max(1, Math.min(10, Number(args.rounds)));
const SECONDS = Math.max(5, Math.min(30, Number(args.seconds)));
const WORKERS = Math.max(1, Math.min(8, Number(args["bot-procs"])));
const WORKER = Number(args.worker);
const PROCESSES = Math.max(1, Math.min(2, Number(args.processes)));
/** --processes 2: how many (one process, split) pairs to run, in ABBA order so drift in the machine's load cancels out. */
const PAIRS = Math.max(1, Math.min(4, Number(args.pairs)));
const COUNTDOWN_MS = 1_000;
/** Answers come 200 ms .. (T − 1.5 s) after the question; 1 % of the bots (at least one per room) never answer, so rounds close at the deadline. */
const ABSTAIN_EVERY = 100;
const abstains = (index: number) => Math.floor(index / ROOMS) % ABSTAIN_EVERY === 0;
const answerDelay = () => 200 + Math.random() * (SECONDS * 1000 - 1_700);
const SECRET = "bench-secret-".padEnd(48, "b");
const HOST = "127.0.0.1";
const BENCH_DEADLINE = Date.now() + 20 * 60_000;

const log = (line: string) => console.error(`[bench:rooms] ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

type Usage = { rss: number; heapUsed: number; cpuMs: number };

/**
 * CPU and memory. A full collection only when memory is read (`collect`): a forced GC takes
 * 100–200 ms on a room server, and the per-round CPU readings used to force two a round, which
 * showed up as the room process's event-loop delay maximum.
 */
function usage(collect: boolean): Usage {
  if (collect) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Waits for `done()` with a bound on time; throws with `what` when the bound is hit. */
async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const giveUp = Math.min(Date.now() + timeoutMs, BENCH_DEADLINE);
  while (!(await done())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** This worker's share of the bots: indices k, k + W, k + 2W, … */
function myBots(): number[] {
  const mine: number[] = [];
  for (let i = WORKER; i < PLAYERS; i += WORKERS) mine.push(i);
  return mine;
}

// ---------------------------------------------------------------------------
// Child processes and their IPC

type Message = { type: string; [key: string]: unknown };

/** Node flags of the room and baseline servers: a CPU profile (BENCH_CPU_PROFILE=<dir>), and BENCH_SERVER_NODE_FLAGS (e.g. "--trace-gc"). */
function serverFlags(role: string): string[] {
  if (role !== "server" && role !== "baseline") return [];
  return [
    ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
    ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
  ];
}

class Child {
  private readonly waiting = new Map<string, ((message: Message) => void)[]>();
  readonly ready: Promise<Message>;

  constructor(readonly role: string, env: Record<string, string>, worker = 0) {
    this.process = fork(
      fileURLToPath(import.meta.url),
      ["--role", role, "--worker", String(worker), "--players", String(PLAYERS), "--rooms", String(ROOMS), "--rounds", String(ROUNDS), "--seconds", String(SECONDS), "--bot-procs", String(WORKERS)],
      { env: { ...process.env, ...env }, execArgv: ["--expose-gc", ...serverFlags(role), "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    this.process.on("message", (message: Message) => {
      const list = this.waiting.get(message.type);
      const next = list?.shift();
      next?.(message);
    });
    this.ready = this.ask({ type: "noop" }, "ready");
  }

  readonly process: ChildProcess;

  /** Sends a message (unless it is a no-op) and resolves with the next reply of type `reply`. */
  ask(message: Message, reply: string, timeoutMs = 120_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.role}: no ${reply} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(reply) ?? [];
      list.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
      this.waiting.set(reply, list);
      if (message.type !== "noop") this.process.send(message);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.send({ type: "stop" });
    await Promise.race([exited, sleep(15_000).then(() => this.process.kill("SIGKILL"))]);
  }
}

function serve(handlers: Record<string, (message: Message) => Promise<Message | null> | Message | null>): void {
  process.on("message", (message: Message) => {
    const handler = handlers[message.type];
    if (!handler) return;
    void Promise.resolve(handler(message)).then((reply) => reply && process.send!(reply));
  });
}

// ---------------------------------------------------------------------------
// The servers

/** Event-loop delay of this process since the last `loop` message (each round's). */
function loopDelayHandler() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    const p99 = Math.round((histogram.percentile(99) / 1e6) * 10) / 10;
    const max = Math.round((histogram.max / 1e6) * 10) / 10;
    histogram.reset();
    return { type: "loop", p99, max };
  };
}

async function runRoomServer(): Promise<void> {
  const http = createServer();
  const redisUrl = process.env.BENCH_REDIS_URL;
  const busLag: BusLag = { roundStart: [], reveal: [], roundResults: [] };
  const realtime = await startRealtime(http, {
    nodeId: process.env.BENCH_NODE_ID ?? "bench",
    ...(redisUrl ? { redisUrl, limitsKeyPrefix: process.env.BENCH_LIMITS_PREFIX ?? "bench" } : {}),
    rooms: { countdownMs: COUNTDOWN_MS, log: () => {} },
    log: () => {},
    onBusTiming: (t) => {
      const list = t.event === "round:start" ? busLag.roundStart : t.event === "round:reveal" ? busLag.reveal : t.event === "round:result" ? busLag.roundResults : null;
      list?.push([t.transitMs, t.lagMs]);
    },
  });
  // Server-side answer time: the handler's call into the room service until its reply
  // (validation done; includes the PostgreSQL commit), without either side's socket I/O.
  const serverAcks: number[] = [];
  const request = realtime.rooms.request.bind(realtime.rooms);
  realtime.rooms.request = async (roomId, message) => {
    const startedAt = performance.now();
    const reply = await request(roomId, message);
    if (message.kind === "command" && message.command.type === "answer" && reply.ok) serverAcks.push(performance.now() - startedAt);
    return reply;
  };
  await new Promise<void>((resolve) => http.listen(0, HOST, resolve));
  const heap = await heapSampler();
  const loop = loopDelayHandler();
  let loops = 0;
  serve({
    serverAcks: () => ({ type: "serverAcks", samples: serverAcks.splice(0) }),
    busLag: () => {
      const lag = joinLags([busLag]);
      for (const list of Object.values(busLag)) list.length = 0;
      return { type: "busLag", lag };
    },
    usage: (message) => ({ type: "usage", usage: usage(message.gc === true) }),
    loop: () => {
      // The first reading comes at the first round's start: sample from there (the joins are not rounds).
      if (loops === 0) heap?.start();
      // ...and stop at the last round's end, before the game's end and the bots leaving.
      if (loops === ROUNDS * 2 - 1) void heap?.stop();
      loops += 1;
      return loop();
    },
    stop: async () => {
      await heap?.stop();
      await realtime.stop({ graceful: true });
      process.exit(0);
    },
  });
  process.send!({ type: "ready", port: (http.address() as AddressInfo).port });
}

/**
 * BENCH_HEAP_PROFILE=<dir>: a sampling heap profile of the room process over the rounds,
 * counting objects the GC has already collected too (what the rounds allocate), written as
 * <dir>/<node id>.heapprofile for Chrome's DevTools. BENCH_HEAP_PROFILE_KEPT=1: only what is
 * still in the heap at the last round's end.
 */
async function heapSampler() {
  const dir = process.env.BENCH_HEAP_PROFILE;
  if (!dir) return null;
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  let started = false;
  return {
    start: () => {
      started = true;
      const collected = process.env.BENCH_HEAP_PROFILE_KEPT !== "1";
      void session.post("HeapProfiler.startSampling", { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: collected, includeObjectsCollectedByMinorGC: collected } as object);
    },
    stop: async () => {
      if (!started) return;
      started = false;
      const { profile } = await session.post("HeapProfiler.stopSampling");
      await writeFile(`${dir}/${process.env.BENCH_NODE_ID ?? "bench"}.heapprofile`, JSON.stringify(profile));
    },
  };
}

/** The baseline: raw ws, the same messages, no framework, no database. */
async function runBaselineServer(): Promise<void> {
  const wss = new WebSocketServer({ host: HOST, port: 0, perMessageDeflate: false, maxPayload: 16 * 1024 });
  const rooms = new Map<number, Set<WebSocket>>();
  const scores = new Map<WebSocket, { id: number; score: number }>();
  wss.on("connection", (ws, request) => {
    const url = new URL(request.url ?? "/", "http://x");
    const room = Number(url.searchParams.get("room"));
    if (!rooms.has(room)) rooms.set(room, new Set());
    rooms.get(room)!.add(ws);
    scores.set(ws, { id: Number(url.searchParams.get("bot")), score: 0 });
    ws.on("message", (data) => {
      let message: { ack?: number; round?: number; choiceIds?: string[] };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      const entry = scores.get(ws);
      if (entry && message.choiceIds?.[0] === "a") entry.score += 1000;
      ws.send(JSON.stringify({ ack: message.ack, ok: true, data: { round: message.round, choiceIds: message.choiceIds, answeredAt: Date.now() } }));
    });
  });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  serve({
    usage: (message) => ({ type: "usage", usage: usage(message.gc === true) }),
    loop: loopDelayHandler(),
    stop: () => process.exit(0),
    round: (message) => {
      const round = Number(message.round);
      setTimeout(() => {
        const startsAt = Date.now();
        const deadlineAt = startsAt + SECONDS * 1000;
        const choices = ["a", "b", "c", "d"];
        const question = { id: `q${round}`, type: "single", choiceIds: choices, choose: null, content: { stem: `질문 ${round}: 무엇이 맞는가?`, choices: choices.map((id) => ({ id, text: `보기 ${id}` })) } };
        for (const sockets of rooms.values()) {
          const frame = JSON.stringify({ event: "round:start", payload: { round, total: ROUNDS, question, startsAt, deadlineAt, serverNow: startsAt } });
          for (const ws of sockets) ws.send(frame);
        }
        setTimeout(() => {
          for (const sockets of rooms.values()) {
            const top = [...sockets].map((ws) => scores.get(ws)!).sort((a, b) => b.score - a.score).slice(0, 10);
            const frame = JSON.stringify({ event: "round:reveal", payload: { round, correctChoiceIds: ["a"], leaderboard: top.map((t, i) => ({ rank: i + 1, playerId: String(t.id), score: t.score })) } });
            for (const ws of sockets) ws.send(frame);
          }
        }, SECONDS * 1000 + GRACE_MS);
      }, COUNTDOWN_MS);
      return null;
    },
  });
  process.send!({ type: "ready", port: (wss.address() as AddressInfo).port });
}

// ---------------------------------------------------------------------------
// Bot workers

type Samples = {
  question: number[]; ack: number[]; leaderboard: number[]; result: number[]; ackFailures: number; lastQuestion: [string, number][]; lastLeaderboard: [string, number][];
  /** The leaderboard and result samples of the bots on a process that does not own their room (split runs). */
  leaderboardElsewhere: number[]; resultElsewhere: number[];
  /** The question and leaderboard samples again, by round: [round][sample]. */
  questionByRound: number[][]; leaderboardByRound: number[][];
};

function newSamples() {
  return {
    question: [] as number[], ack: [] as number[], leaderboard: [] as number[], result: [] as number[], ackFailures: 0, lastQuestion: new Map<string, number>(), lastLeaderboard: new Map<string, number>(),
    leaderboardElsewhere: [] as number[], resultElsewhere: [] as number[],
    questionByRound: Array.from({ length: ROUNDS }, () => [] as number[]), leaderboardByRound: Array.from({ length: ROUNDS }, () => [] as number[]),
  };
}

function keepMax(map: Map<string, number>, key: string, value: number): void {
  map.set(key, Math.max(map.get(key) ?? Number.NEGATIVE_INFINITY, value));
}

function packSamples(s: ReturnType<typeof newSamples>): Samples {
  return { ...s, lastQuestion: [...s.lastQuestion], lastLeaderboard: [...s.lastLeaderboard] };
}

async function runSocketIoBots(): Promise<void> {
  const samples = newSamples();
  const reveals = Array<number>(ROUNDS).fill(0);
  const results = Array<number>(ROUNDS).fill(0);
  let finished = 0;
  const sockets: Socket[] = [];
  serve({
    usage: (message) => ({ type: "usage", usage: usage(message.gc === true) }),
    status: () => ({ type: "status", reveals, results, finished }),
    samples: () => ({ type: "samples", samples: packSamples(samples) }),
    stop: () => {
      for (const s of sockets) s.disconnect();
      process.exit(0);
    },
    setup: async (message) => {
      const urls = message.urls as string[];
      const rooms = message.rooms as { roomId: string; code: string }[];
      const mine = myBots();
      for (let first = 0; first < mine.length; first += 200) {
        await Promise.all(
          mine.slice(first, first + 200).map(async (index) => {
            const room = index % ROOMS;
            // Split: a room's bots alternate between the processes (index / ROOMS is the bot's place in its room).
            const onServer = Math.floor(index / ROOMS) % urls.length;
            const url = urls[onServer]!;
            const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { guestToken: issueGuestToken(`Bot ${index}`, SECRET, `bot-${index}`) } });
            sockets.push(socket);
            await new Promise<void>((resolve, reject) => {
              socket.once("connect", () => resolve());
              socket.once("connect_error", reject);
            });
            const emit = (event: string, payload: unknown) => socket.timeout(30_000).emitWithAck(event, payload) as Promise<{ ok: boolean; code?: string }>;
            const joined = await emit("room:join", { code: rooms[room]!.code });
            if (!joined.ok) throw new Error(`room:join: ${joined.code}`);
            const closes = new Map<number, number>();
            socket.on("round:start", (start: RoundStartPayload) => {
              const latency = Date.now() - start.startsAt;
              samples.question.push(latency);
              samples.questionByRound[start.round]?.push(latency);
              keepMax(samples.lastQuestion, `${room}:${start.round}`, latency);
              closes.set(start.round, start.deadlineAt + GRACE_MS);
              if (abstains(index)) return;
              const multiple = start.question.type === "multiple";
              const choiceIds = Math.random() < 0.7 ? (multiple ? ["a", "b"] : ["a"]) : multiple ? ["c", "d"] : ["b"];
              setTimeout(() => {
                const sentAt = Date.now();
                void emit("round:answer", { roomId: rooms[room]!.roomId, round: start.round, choiceIds }).then(
                  (reply) => (reply.ok ? samples.ack.push(Date.now() - sentAt) : (samples.ackFailures += 1)),
                  () => (samples.ackFailures += 1),
                );
              }, answerDelay());
            });
            socket.on("round:reveal", (reveal: RevealPayload) => {
              const closesAt = closes.get(reveal.round);
              if (closesAt !== undefined) {
                samples.leaderboard.push(Date.now() - closesAt);
                samples.leaderboardByRound[reveal.round]?.push(Date.now() - closesAt);
                if (onServer > 0) samples.leaderboardElsewhere.push(Date.now() - closesAt);
                keepMax(samples.lastLeaderboard, `${room}:${reveal.round}`, Date.now() - closesAt);
              }
              if (reveal.round < ROUNDS) reveals[reveal.round] = (reveals[reveal.round] ?? 0) + 1;
            });
            socket.on("round:result", (result: { round: number }) => {
              const closesAt = closes.get(result.round);
              if (closesAt !== undefined) samples.result.push(Date.now() - closesAt);
              if (closesAt !== undefined && onServer > 0) samples.resultElsewhere.push(Date.now() - closesAt);
              if (result.round < ROUNDS) results[result.round] = (results[result.round] ?? 0) + 1;
            });
            socket.on("room:finished", () => (finished += 1));
          }),
        );
      }
      return { type: "joined", count: mine.length };
    },
  });
  process.send!({ type: "ready" });
}

async function runWsBots(): Promise<void> {
  const samples = newSamples();
  const boards = Array<number>(ROUNDS).fill(0);
  const sockets: WebSocket[] = [];
  serve({
    usage: (message) => ({ type: "usage", usage: usage(message.gc === true) }),
    status: () => ({ type: "status", reveals: boards, results: boards, finished: 0 }),
    samples: () => ({ type: "samples", samples: packSamples(samples) }),
    stop: () => {
      for (const s of sockets) s.close();
      process.exit(0);
    },
    setup: async (message) => {
      const port = Number(message.port);
      const mine = myBots();
      for (let first = 0; first < mine.length; first += 200) {
        await Promise.all(
          mine.slice(first, first + 200).map(
            (index) =>
              new Promise<void>((resolve, reject) => {
                const room = index % ROOMS;
                const ws = new WebSocket(`ws://${HOST}:${port}/?room=${room}&bot=${index}`, { perMessageDeflate: false });
                sockets.push(ws);
                const pending = new Map<number, number>();
                let nextAck = 0;
                let closesAt = 0;
                ws.on("message", (data) => {
                  const receivedAt = Date.now();
                  const message = JSON.parse(String(data)) as { event?: string; ack?: number; payload?: { round: number; startsAt: number; deadlineAt: number } };
                  if (message.ack !== undefined) {
                    const sentAt = pending.get(message.ack);
                    if (sentAt !== undefined) samples.ack.push(receivedAt - sentAt);
                    pending.delete(message.ack);
                    return;
                  }
                  const payload = message.payload!;
                  if (message.event === "round:start") {
                    samples.question.push(receivedAt - payload.startsAt);
                    samples.questionByRound[payload.round]?.push(receivedAt - payload.startsAt);
                    keepMax(samples.lastQuestion, `${room}:${payload.round}`, receivedAt - payload.startsAt);
                    closesAt = payload.deadlineAt + GRACE_MS;
                    if (abstains(index)) return;
                    setTimeout(() => {
                      const id = nextAck++;
                      pending.set(id, Date.now());
                      ws.send(JSON.stringify({ ack: id, round: payload.round, choiceIds: Math.random() < 0.7 ? ["a"] : ["b"] }));
                    }, answerDelay());
                  } else if (message.event === "round:reveal") {
                    samples.leaderboard.push(receivedAt - closesAt);
                    samples.leaderboardByRound[payload.round]?.push(receivedAt - closesAt);
                    keepMax(samples.lastLeaderboard, `${room}:${payload.round}`, receivedAt - closesAt);
                    if (payload.round < ROUNDS) boards[payload.round] = (boards[payload.round] ?? 0) + 1;
                  }
                });
                ws.once("open", () => resolve());
                ws.once("error", reject);
              }),
          ),
        );
      }
      return { type: "joined", count: mine.length };
    },
  });
  process.send!({ type: "ready" });
}

// ---------------------------------------------------------------------------
// The orchestrator

type Run = {
  samples: Samples;
  memoryPerPlayer: { rssKB: number; heapKB: number };
  joinSeconds: number;
  cpu: { server: number; bots: number }[];
  serverAcks: number[];
  /** Per round: the room process's event-loop delay p99 (the worst of the processes) and CPU time (all of them). */
  roomProcess: { eventLoopDelayP99Ms: number[]; eventLoopDelayMaxMs: number[]; cpuMsPerRound: number[] };
  /** Room messages that reached a room process over the Redis bus: PUBLISH on the owner → frames written on the other process. */
  busLag: BusLag;
};

/** Per message that crossed the bus: [PUBLISH → parsed here, PUBLISH → frames written to this process's sockets] in ms. */
type BusLag = { roundStart: [number, number][]; reveal: [number, number][]; roundResults: [number, number][] };

/** Several processes' or runs' bus timings as one. */
function joinLags(lags: BusLag[]): BusLag {
  return { roundStart: lags.flatMap((l) => l.roundStart), reveal: lags.flatMap((l) => l.reveal), roundResults: lags.flatMap((l) => l.roundResults) };
}

/** Several runs of one condition as one: samples pooled; per-round figures concatenated. Last-player keys are per run. */
function mergeRuns(runs: Run[]): Run {
  const tagged = runs.map((run, i) => ({
    ...run.samples,
    lastQuestion: run.samples.lastQuestion.map(([k, v]): [string, number] => [`${i}/${k}`, v]),
    lastLeaderboard: run.samples.lastLeaderboard.map(([k, v]): [string, number] => [`${i}/${k}`, v]),
  }));
  const samples = merge(tagged);
  return {
    // Rounds of each run one after the other (merge pools a run's bot processes round by round).
    samples: { ...samples, questionByRound: runs.flatMap((r) => r.samples.questionByRound), leaderboardByRound: runs.flatMap((r) => r.samples.leaderboardByRound) },
    memoryPerPlayer: { rssKB: Math.max(...runs.map((r) => r.memoryPerPlayer.rssKB)), heapKB: Math.max(...runs.map((r) => r.memoryPerPlayer.heapKB)) },
    joinSeconds: Math.max(...runs.map((r) => r.joinSeconds)),
    cpu: runs.flatMap((r) => r.cpu),
    serverAcks: runs.flatMap((r) => r.serverAcks),
    roomProcess: {
      eventLoopDelayP99Ms: runs.flatMap((r) => r.roomProcess.eventLoopDelayP99Ms),
      eventLoopDelayMaxMs: runs.flatMap((r) => r.roomProcess.eventLoopDelayMaxMs),
      cpuMsPerRound: runs.flatMap((r) => r.roomProcess.cpuMsPerRound),
    },
    busLag: joinLags(runs.map((r) => r.busLag)),
  };
}

/** What splitting a room over two processes adds, p99 split minus p99 on one process (negative: the split was faster). */
function hopOf(split: Run, one: Run) {
  const d = (a: number[], b: number[]) => Math.round((summary(a).p99 - summary(b).p99) * 10) / 10;
  return {
    questionFanoutP99: d(split.samples.question, one.samples.question),
    leaderboardAfterCloseP99: d(split.samples.leaderboard, one.samples.leaderboard),
    roundResultAfterCloseP99: d(split.samples.result, one.samples.result),
    answerAckP99: d(split.samples.ack, one.samples.ack),
  };
}

function busHopOf(lag: BusLag) {
  const of = (i: 0 | 1) => ({ roundStart: summary(lag.roundStart.map((t) => t[i])), reveal: summary(lag.reveal.map((t) => t[i])), roundResults: summary(lag.roundResults.map((t) => t[i])) });
  return { transit: of(0), framesWritten: of(1) };
}

function perRoundP99(run: Run) {
  return {
    questionFanoutMs: run.samples.questionByRound.map((round) => summary(round).p99),
    leaderboardAfterCloseMs: run.samples.leaderboardByRound.map((round) => summary(round).p99),
  };
}

function merge(parts: Samples[]): Samples {
  const lastQuestion = new Map<string, number>();
  const lastLeaderboard = new Map<string, number>();
  for (const part of parts) {
    for (const [k, v] of part.lastQuestion) keepMax(lastQuestion, k, v);
    for (const [k, v] of part.lastLeaderboard) keepMax(lastLeaderboard, k, v);
  }
  return {
    question: parts.flatMap((p) => p.question),
    ack: parts.flatMap((p) => p.ack),
    leaderboard: parts.flatMap((p) => p.leaderboard),
    result: parts.flatMap((p) => p.result),
    leaderboardElsewhere: parts.flatMap((p) => p.leaderboardElsewhere ?? []),
    resultElsewhere: parts.flatMap((p) => p.resultElsewhere ?? []),
    questionByRound: Array.from({ length: ROUNDS }, (_, r) => parts.flatMap((p) => p.questionByRound[r] ?? [])),
    leaderboardByRound: Array.from({ length: ROUNDS }, (_, r) => parts.flatMap((p) => p.leaderboardByRound[r] ?? [])),
    ackFailures: parts.reduce((n, p) => n + p.ackFailures, 0),
    lastQuestion: [...lastQuestion],
    lastLeaderboard: [...lastLeaderboard],
  };
}

async function drive(options: {
  servers: Child[];
  botRole: string;
  setup: Message;
  startRound: (round: number) => Promise<void>;
  finish?: () => Promise<void>;
}): Promise<Run> {
  const { servers } = options;
  const serverUsage = async (collect = false) => {
    const all = (await Promise.all(servers.map((s) => s.ask({ type: "usage", gc: collect }, "usage")))).map((m) => m.usage as Usage);
    return all.reduce((sum, u) => ({ rss: sum.rss + u.rss, heapUsed: sum.heapUsed + u.heapUsed, cpuMs: sum.cpuMs + u.cpuMs }), { rss: 0, heapUsed: 0, cpuMs: 0 });
  };
  const loopDelay = async () => {
    const all = await Promise.all(servers.map((s) => s.ask({ type: "loop" }, "loop")));
    return { p99: Math.max(...all.map((m) => m.p99 as number)), max: Math.max(...all.map((m) => m.max as number)) };
  };
  const before = await serverUsage(true);
  const workers = Array.from({ length: WORKERS }, (_, k) => new Child(options.botRole, { AUTH_SECRET: SECRET }, k));
  await Promise.all(workers.map((w) => w.ready));
  const joinStarted = Date.now();
  await Promise.all(workers.map((w) => w.ask(options.setup, "joined", 180_000)));
  const joinSeconds = (Date.now() - joinStarted) / 1000;
  log(`${options.botRole}: ${PLAYERS} bots joined in ${joinSeconds.toFixed(1)} s`);
  await sleep(1_500);
  const after = await serverUsage(true);
  const statuses = async () => Promise.all(workers.map((w) => w.ask({ type: "status" }, "status")));
  const cpu: Run["cpu"] = [];
  const roomProcess: Run["roomProcess"] = { eventLoopDelayP99Ms: [], eventLoopDelayMaxMs: [], cpuMsPerRound: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await loopDelay();
    const cpuBefore = { server: (await serverUsage()).cpuMs, bots: await botCpu(workers), at: Date.now() };
    await options.startRound(round);
    await until(async () => (await statuses()).reduce((n, s) => n + ((s.reveals as number[])[round] ?? 0), 0) >= PLAYERS, `round ${round} leaderboard`, (SECONDS + 60) * 1000);
    await sleep(400);
    const wall = Date.now() - cpuBefore.at;
    const serverCpuMs = (await serverUsage()).cpuMs - cpuBefore.server;
    const delay = await loopDelay();
    roomProcess.eventLoopDelayP99Ms.push(delay.p99);
    roomProcess.eventLoopDelayMaxMs.push(delay.max);
    roomProcess.cpuMsPerRound.push(Math.round(serverCpuMs));
    cpu.push({
      server: Math.round((serverCpuMs / wall) * 100),
      bots: Math.round((((await botCpu(workers)) - cpuBefore.bots) / wall) * 100),
    });
    log(`${options.botRole}: round ${round + 1}/${ROUNDS} done; CPU % of one core: server ${cpu[round]!.server}, bots ${cpu[round]!.bots}; server event-loop delay p99 ${delay.p99} ms`);
  }
  if (options.finish) {
    await options.finish();
    await until(async () => (await statuses()).reduce((n, s) => n + (s.finished as number), 0) >= PLAYERS, "room:finished", 60_000);
  }
  const parts = await Promise.all(workers.map((w) => w.ask({ type: "samples" }, "samples")));
  await Promise.all(workers.map((w) => w.stop()));
  const serverAcks = options.botRole === "bots" ? (await Promise.all(servers.map((s) => s.ask({ type: "serverAcks" }, "serverAcks")))).flatMap((m) => m.samples as number[]) : [];
  const lags = options.botRole === "bots" ? (await Promise.all(servers.map((s) => s.ask({ type: "busLag" }, "busLag")))).map((m) => m.lag as BusLag) : [];
  return {
    serverAcks,
    busLag: joinLags(lags),
    roomProcess,
    samples: merge(parts.map((p) => p.samples as Samples)),
    memoryPerPlayer: { rssKB: kb((after.rss - before.rss) / PLAYERS), heapKB: kb((after.heapUsed - before.heapUsed) / PLAYERS) },
    joinSeconds,
    cpu,
  };
}

async function botCpu(workers: Child[]): Promise<number> {
  const all = await Promise.all(workers.map((w) => w.ask({ type: "usage" }, "usage")));
  return all.reduce((n, m) => n + (m.usage as Usage).cpuMs, 0);
}

type RoomServers = { servers: Child[]; urls: string[] };

async function startRoomServers(redisUrl: string | null): Promise<RoomServers> {
  const prefix = `bench-${process.pid}-${Date.now()}`;
  const servers = Array.from({ length: PROCESSES }, (_, k) =>
    new Child("server", { AUTH_SECRET: SECRET, DATABASE_POOL_SIZE: "10", BENCH_NODE_ID: `bench-${k}`, ...(redisUrl ? { BENCH_REDIS_URL: redisUrl, BENCH_LIMITS_PREFIX: prefix } : {}) }),
  );
  const urls = (await Promise.all(servers.map((s) => s.ready))).map(({ port }) => `http://${HOST}:${String(port)}`);
  log(`room server(s) on ${urls.join(", ")}`);
  return { servers, urls };
}

/** One game on the room servers: rooms created on the first; bots on `split` of them. */
async function runRooms(db: ReturnType<typeof createDb>, bankSlug: string, room: RoomServers, split: number): Promise<Run> {
  const url = room.urls[0]!;
  const botUrls = room.urls.slice(0, split);
  const perRoom = Math.ceil(PLAYERS / ROOMS);
  const hosts: Socket[] = [];
  const rooms: { roomId: string; code: string }[] = [];
  const emit = <T>(socket: Socket, event: string, payload: unknown) => socket.timeout(30_000).emitWithAck(event, payload) as Promise<{ ok: true; data: T } | { ok: false; code: string }>;
  for (let r = 0; r < ROOMS; r++) {
    const user = await db.user.create({ data: { email: `bench-host-${r}-${Date.now()}@example.com`, name: `Host ${r}`, passwordHash: "x" }, select: { id: true } });
    const token = await encode({ token: { sub: user.id, name: `Host ${r}`, role: "INSTRUCTOR" }, secret: SECRET });
    const host = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie: `next-auth.session-token=${token}` } });
    await new Promise<void>((resolve, reject) => {
      host.once("connect", () => resolve());
      host.once("connect_error", reject);
    });
    const created = await emit<{ roomId: string; code: string }>(host, "room:create", {
      bankSlug, questionCount: ROUNDS, secondsPerQuestion: SECONDS, speedScoring: true, hostPlays: false, maxSeats: perRoom + 1,
    });
    if (!created.ok) throw new Error(`room:create: ${created.code}`);
    hosts.push(host);
    rooms.push(created.data);
  }
  log(`${ROOMS} room(s) created`);
  const hostCommand = async (event: string) => {
    const replies = await Promise.all(hosts.map((host, r) => emit(host, event, { roomId: rooms[r]!.roomId })));
    const refused = replies.find((reply) => !reply.ok);
    if (refused && !refused.ok) throw new Error(`${event}: ${refused.code}`);
  };
  try {
    return await drive({
      servers: room.servers,
      botRole: "bots",
      setup: { type: "setup", urls: botUrls, rooms },
      startRound: (round) => hostCommand(round === 0 ? "room:start" : "round:next"),
      finish: () => hostCommand("round:next"),
    });
  } finally {
    for (const host of hosts) host.disconnect();
  }
}

/** REDIS_URL, else a private redis-server on a free loopback port (stopped with the bench). */
async function startRedis(): Promise<{ url: string; stop: () => void }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => {} };
  const port = await new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, HOST, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const redis = spawn("redis-server", ["--port", String(port), "--bind", HOST, "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    redis.once("error", reject);
    const tryConnect = () => {
      const probe = tcpConnect(port, HOST, () => {
        probe.end();
        resolve();
      });
      probe.once("error", () => setTimeout(tryConnect, 100));
    };
    tryConnect();
  });
  log(`redis-server on ${HOST}:${port}`);
  return { url: `redis://${HOST}:${port}`, stop: () => redis.kill() };
}

async function runBaseline(): Promise<Run> {
  const server = new Child("baseline", {});
  const { port } = await server.ready;
  try {
    return await drive({
      servers: [server],
      botRole: "ws-bots",
      setup: { type: "setup", port },
      startRound: async (round) => {
        server.process.send({ type: "round", round });
      },
    });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  log(`${PLAYERS} players in ${ROOMS} room(s), ${ROUNDS} rounds of ${SECONDS} s, ${PROCESSES} room process(es), bots in ${WORKERS} process(es), on ${os.cpus().length} CPU(s)`);
  const database = await benchDatabase();
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url);
  try {
    const bank = fixtureBank({ questions: Math.max(12, ROUNDS * 2), slug: "bench-bank" });
    await storeBank(db, bank, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });
    const redis = PROCESSES > 1 ? await startRedis() : null;
    const roomServers = await startRoomServers(redis?.url ?? null);
    let ours: Run;
    let oneProcess: Run | null = null;
    let stored: number;
    let storedOneProcess = 0;
    let pairHops: ReturnType<typeof hopOf>[] = [];
    let noiseFloor: { oneProcessRunMinusOneProcessRun: ReturnType<typeof hopOf>; splitRunMinusSplitRun: ReturnType<typeof hopOf> } | null = null;
    try {
      if (PROCESSES > 1) {
        // Pairs in ABBA order (one, split, split, one, ...): a machine whose load drifts during
        // the run (other work starting or ending) biases neither side.
        const ones: Run[] = [];
        const splits: Run[] = [];
        for (let pair = 0; pair < PAIRS; pair++) {
          for (const split of pair % 2 === 0 ? [1, PROCESSES] : [PROCESSES, 1]) {
            const before = await db.roomAnswer.count();
            const run = await runRooms(db, bank.slug, roomServers, split);
            const storedNow = (await db.roomAnswer.count()) - before;
            if (split === 1) storedOneProcess += storedNow;
            (split === 1 ? ones : splits).push(run);
            log(`pair ${pair + 1}/${PAIRS}: ${split === 1 ? "one process" : "split"} done: ${storedNow} answers stored`);
          }
        }
        oneProcess = mergeRuns(ones);
        ours = mergeRuns(splits);
        pairHops = ones.map((one, i) => hopOf(splits[i]!, one));
        // The same comparison between two runs of the same condition: how much of a pair's
        // difference the machine alone produces.
        if (PAIRS >= 2) noiseFloor = { oneProcessRunMinusOneProcessRun: hopOf(ones[1]!, ones[0]!), splitRunMinusSplitRun: hopOf(splits[1]!, splits[0]!) };
        stored = (await db.roomAnswer.count()) - storedOneProcess;
      } else {
        ours = await runRooms(db, bank.slug, roomServers, PROCESSES);
        stored = await db.roomAnswer.count();
      }
      log(`room server(s) done: ${stored} answers stored`);
    } finally {
      await Promise.all(roomServers.servers.map((s) => s.stop()));
      redis?.stop();
    }
    const base = await runBaseline();
    const last = (pairs: [string, number][]) => pairs.map(([, v]) => v);
    const figures = (run: Run) => ({
      question: summary(run.samples.question),
      questionLast: summary(last(run.samples.lastQuestion)),
      ack: summary(run.samples.ack),
      leaderboard: summary(run.samples.leaderboard),
      leaderboardLast: summary(last(run.samples.lastLeaderboard)),
    });
    const o = figures(ours);
    const socketioOf = (run: Run, f: ReturnType<typeof figures>, answersStored: number) => ({
      questionFanoutMs: f.question,
      questionLastPlayerMs: f.questionLast,
      answerAckMs: f.ack,
      answerAckServerSideMs: summary(run.serverAcks),
      answersAcked: run.samples.ack.length,
      answersStored,
      ackFailures: run.samples.ackFailures,
      leaderboardAfterCloseMs: f.leaderboard,
      leaderboardLastPlayerAfterCloseMs: f.leaderboardLast,
      roundResultAfterCloseMs: summary(run.samples.result),
      ...(run.samples.leaderboardElsewhere.length > 0
        ? { onTheOtherProcess: { leaderboardAfterCloseMs: summary(run.samples.leaderboardElsewhere), roundResultAfterCloseMs: summary(run.samples.resultElsewhere) } }
        : {}),
      memoryPerPlayerKB: run.memoryPerPlayer,
      joinSeconds: run.joinSeconds,
      cpuPercentPerRound: run.cpu,
      roomProcess: run.roomProcess,
      perRoundP99: perRoundP99(run),
    });
    const one = oneProcess ? figures(oneProcess) : null;
    const b = {
      question: summary(base.samples.question),
      questionLast: summary(last(base.samples.lastQuestion)),
      ack: summary(base.samples.ack),
      leaderboard: summary(base.samples.leaderboard),
      leaderboardLast: summary(last(base.samples.lastLeaderboard)),
    };
    const ratio = (x: number, y: number) => Math.round((x / Math.max(y, 1)) * 100) / 100;
    console.log(
      JSON.stringify({
        bench: "rooms",
        players: PLAYERS,
        rooms: ROOMS,
        rounds: ROUNDS,
        secondsPerQuestion: SECONDS,
        botProcesses: WORKERS,
        roomProcesses: PROCESSES,
        cpus: os.cpus().length,
        node: process.version,
        // With --processes 2: each room's bots alternate between the two processes.
        socketio: socketioOf(ours, o, stored),
        ...(oneProcess && one
          ? {
              socketioOneProcess: socketioOf(oneProcess, one, storedOneProcess),
              crossProcessHopMs: hopOf(ours, oneProcess),
              crossProcessHopPerPairMs: pairHops,
              ...(noiseFloor ? { crossProcessHopNoiseFloorMs: noiseFloor } : {}),
              busHopServerSideMs: busHopOf(ours.busLag),
            }
          : {}),
        baselineRawWs: {
          questionFanoutMs: b.question,
          questionLastPlayerMs: b.questionLast,
          answerAckMs: b.ack,
          leaderboardAfterCloseMs: b.leaderboard,
          leaderboardLastPlayerAfterCloseMs: b.leaderboardLast,
          memoryPerPlayerKB: base.memoryPerPlayer,
          cpuPercentPerRound: base.cpu,
          roomProcess: base.roomProcess,
          perRoundP99: perRoundP99(base),
        },
        ratioToBaseline: {
          questionFanoutP99: ratio(o.question.p99, b.question.p99),
          questionLastPlayerP99: ratio(o.questionLast.p99, b.questionLast.p99),
          leaderboardAfterCloseP99: ratio(o.leaderboard.p99, b.leaderboard.p99),
          answerAckP99: ratio(o.ack.p99, b.ack.p99),
        },
        targets: {
          questionFanoutP99LE100ms: o.question.p99 <= 100,
          answerAckP99LE50ms: o.ack.p99 <= 50,
          leaderboardAfterCloseP99LE150ms: o.leaderboard.p99 <= 150,
          memoryPerPlayerLE25KB: ours.memoryPerPlayer.rssKB <= 25,
          fanoutWithin1_5xOfRawWs: ratio(o.question.p99, b.question.p99) <= 1.5,
        },
        notes: [
          "close = deadlineAt + GRACE_MS (500 ms): answers are accepted until then, so no leaderboard can come earlier",
          "server, bots and PostgreSQL share this machine's CPUs: bot-side decoding is inside every delivery time",
          "the baseline acks without storing; the room server acks after the PostgreSQL commit",
          "roomProcess: per round (round start to every bot's leaderboard + 400 ms), event-loop delay of the room process(es) (worst) and their CPU time (sum)",
          "perRoundP99: each round's p99 on its own (a pooled p99 is set by the worst rounds)",
          ...(PROCESSES > 1
            ? [
                `crossProcessHopMs: split minus one process (p99 of the pooled samples of ${PAIRS} pair(s) run in ABBA order; crossProcessHopPerPairMs per pair), both on the same two Redis-connected processes in this run; rooms owned by the first`,
                "crossProcessHopNoiseFloorMs: the same differences between the first two runs of one condition (one process minus one process, split minus split): what the machine alone moves a p99 by",
                "busHopServerSideMs: per message of the split runs that crossed Redis, from the owner's PUBLISH: transit = until the other process has parsed it (the hop itself, which the owner's own players do not wait for), framesWritten = until it is written to that process's sockets (transit + the writes the owner would otherwise do itself)",
              ]
            : []),
        ],
      }),
    );
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

switch (args.role) {
  case "server":
    await runRoomServer();
    break;
  case "baseline":
    await runBaselineServer();
    break;
  case "bots":
    await runSocketIoBots();
    break;
  case "ws-bots":
    await runWsBots();
    break;
  default:
    await main().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
}
