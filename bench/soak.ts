// npm run bench:soak -- [--minutes 10] [--players 1000] [--room-size 20] [--seconds 5] [--questions 5]
//
// A soak: players play live group rooms back to back (each room, once finished, is rematched
// by its host and played again) for --minutes, on loopback only. The room server (the app's
// own startRealtime: Socket.IO, the room service, PostgreSQL) runs in a child process that
// reports its memory after a GC and its event-loop delay; socket.io-client players run in two
// other child processes; the hosts run here. Memory is taken after a warm-up (a fifth of the
// run, at least 3 min: a finished room stays in memory 2 min, so that is the steady state; at
// most half the run) and at the end. The baseline, measured in the same run: the same server
// idle (no players) for 10 s. Progress goes to stderr; the last stdout line is one JSON object.
import { fork, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { issueGuestToken } from "../lib/auth/guest";
import { storeBank } from "../lib/banks/store";
import { createDb } from "../lib/db";
import type { RoundStartPayload } from "../lib/realtime/engine";
import { startRealtime } from "../lib/realtime/server";
import { fixtureBank } from "../test/fixtures";
import { benchDatabase } from "./support";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    players: { type: "string", default: "1000" },
    "room-size": { type: "string", default: "20" },
    seconds: { type: "string", default: "5" },
    questions: { type: "string", default: "5" },
    role: { type: "string", default: "main" },
    worker: { type: "string", default: "0" },
  },
  allowPositionals: true,
});

const MINUTES = Math.max(0.5, Math.min(120, Number(args.minutes)));
const PLAYERS = Math.max(2, Math.min(10_000, Number(args.players)));
const ROOM_SIZE = Math.max(2, Math.min(1_000, Number(args["room-size"])));
const ROOMS = Math.ceil(PLAYERS / ROOM_SIZE);
const SECONDS = Math.max(5, Math.min(60, Number(args.seconds)));
const QUESTIONS = Math.max(1, Math.min(20, Number(args.questions)));
const WORKERS = 2;
const SECRET = "soak-secret-".padEnd(48, "s");
const HOST = "127.0.0.1";

const log = (line: string) => console.error(`[bench:soak] ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const pct = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 10;

type Message = { type: string; [key: string]: unknown };
type Usage = { rss: number; heapUsed: number };

class Child {
  readonly process: ChildProcess;
  private readonly waiting = new Map<string, ((message: Message) => void)[]>();
  readonly ready: Promise<Message>;

  constructor(role: string, worker = 0) {
    this.process = fork(fileURLToPath(import.meta.url), ["--role", role, "--worker", String(worker), "--players", String(PLAYERS), "--room-size", String(ROOM_SIZE), "--seconds", String(SECONDS), "--questions", String(QUESTIONS)], {
      env: { ...process.env, AUTH_SECRET: SECRET },
      execArgv: ["--expose-gc", "--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.process.on("message", (message: Message) => this.waiting.get(message.type)?.shift()?.(message));
    this.ready = this.ask(null, "ready");
  }

  ask(message: Message | null, reply: string, timeoutMs = 180_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${reply} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(reply) ?? [];
      list.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
      this.waiting.set(reply, list);
      if (message) this.process.send(message);
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
    if (handler) void Promise.resolve(handler(message)).then((reply) => reply && process.send!(reply));
  });
}

// ---------------------------------------------------------------------------
// The room server

async function runServer(): Promise<void> {
  const errors: string[] = [];
  const http = createServer();
  // Log lines that say something failed count as errors.
  const serverLog = (line: string) => {
    if (/fail|error|internal/i.test(line)) errors.push(line);
  };
  const realtime = await startRealtime(http, { nodeId: "soak", rooms: { countdownMs: 1_000, log: serverLog }, log: serverLog });
  await new Promise<void>((resolve) => http.listen(0, HOST, resolve));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  serve({
    usage: () => {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      return { type: "usage", usage: { rss: m.rss, heapUsed: m.heapUsed } satisfies Usage };
    },
    resetDelay: () => {
      delay.reset();
      return { type: "resetDelay" };
    },
    // The histogram records whole timer intervals: the delay is what exceeds the resolution.
    delay: () => ({ type: "delay", p50: Math.max(0, delay.percentile(50) / 1e6 - 10), p99: Math.max(0, delay.percentile(99) / 1e6 - 10), max: Math.max(0, delay.max / 1e6 - 10) }),
    errors: () => ({ type: "errors", errors }),
    stop: async () => {
      await realtime.stop({ graceful: true });
      process.exit(0);
    },
  });
  process.send!({ type: "ready", port: (http.address() as AddressInfo).port });
}

// ---------------------------------------------------------------------------
// Players (two child processes): join by code, answer every question, follow rematches.

async function runPlayers(): Promise<void> {
  const worker = Number(args.worker);
  const sockets: Socket[] = [];
  const counters = { answered: 0, failures: 0, failureCodes: {} as Record<string, number> };
  serve({
    status: () => ({ type: "status", ...counters }),
    stop: () => {
      for (const socket of sockets) socket.disconnect();
      process.exit(0);
    },
    join: async (message) => {
      const rooms = message.rooms as { roomId: string; code: string }[];
      const url = String(message.url);
      const mine: number[] = [];
      for (let i = worker; i < PLAYERS; i += WORKERS) mine.push(i);
      for (let first = 0; first < mine.length; first += 100) {
        await Promise.all(mine.slice(first, first + 100).map(async (index) => {
          const room = { ...rooms[index % ROOMS]! };
          const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { guestToken: issueGuestToken(`Player ${index}`, SECRET, `soak-${index}`) } });
          sockets.push(socket);
          const fail = (code: string) => {
            counters.failures += 1;
            counters.failureCodes[code] = (counters.failureCodes[code] ?? 0) + 1;
          };
          socket.on("round:start", (start: RoundStartPayload) => {
            const right = start.question.choiceIds.slice(0, start.question.choose ?? 1);
            const choiceIds = Math.random() < 0.7 ? right : start.question.choiceIds.slice(-right.length);
            setTimeout(() => {
              void (socket.timeout(20_000).emitWithAck("round:answer", { roomId: room.roomId, round: start.round, choiceIds }) as Promise<{ ok: boolean; code?: string }>).then(
                (reply) => (reply.ok ? (counters.answered += 1) : fail(reply.code ?? "refused")),
                () => fail("no_ack"),
              );
            }, 200 + Math.random() * (SECONDS * 1000 - 1_700));
          });
          // The host started a rematch: this socket is already in the new room.
          socket.on("room:rematch", (next: { roomId: string; code: string }) => {
            room.roomId = next.roomId;
            room.code = next.code;
          });
          await new Promise<void>((resolve, reject) => {
            socket.once("connect", () => resolve());
            socket.once("connect_error", reject);
          });
          const joined = (await socket.timeout(30_000).emitWithAck("room:join", { code: room.code })) as { ok: boolean; code?: string };
          if (!joined.ok) fail(`join:${joined.code}`);
        }));
      }
      return { type: "joined" };
    },
  });
  process.send!({ type: "ready" });
}

// ---------------------------------------------------------------------------
// The orchestrator: hosts drive their rooms back to back until the time is up.

type Host = { socket: Socket; roomId: string; code: string; games: number };

async function main(): Promise<void> {
  log(`${PLAYERS} players in ${ROOMS} rooms of ${ROOM_SIZE}, ${QUESTIONS} questions of ${SECONDS} s per game, for ${MINUTES} min, on ${os.cpus().length} CPU(s)`);
  const database = await benchDatabase();
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url);
  const bank = fixtureBank({ questions: Math.max(12, QUESTIONS * 2), slug: "soak-bank" });
  await storeBank(db, bank, { writer: { kind: "content" }, retireMissing: true, keepStatus: false });

  const server = new Child("server");
  const { port } = await server.ready;
  const url = `http://${HOST}:${String(port)}`;
  const usage = async () => (await server.ask({ type: "usage" }, "usage")).usage as Usage;

  // Baseline: the same server with nobody on it.
  await server.ask({ type: "resetDelay" }, "resetDelay");
  await sleep(10_000);
  const idle = { usage: await usage(), delay: await server.ask({ type: "delay" }, "delay") };

  // A lost ack is a refusal ("no_ack"), never an unhandled rejection.
  const emit = <T>(socket: Socket, event: string, payload: unknown) =>
    (socket.timeout(30_000).emitWithAck(event, payload) as Promise<{ ok: true; data: T } | { ok: false; code: string }>).catch(() => ({ ok: false as const, code: "no_ack" }));
  const hosts: Host[] = [];
  const hostErrors: Record<string, number> = {};
  const hostError = (code: string) => (hostErrors[code] = (hostErrors[code] ?? 0) + 1);
  for (let r = 0; r < ROOMS; r++) {
    const user = await db.user.create({ data: { email: `soak-host-${r}-${Date.now()}@example.com`, name: `Host ${r}`, passwordHash: "x" }, select: { id: true } });
    const token = await encode({ token: { sub: user.id, name: `Host ${r}`, role: "INSTRUCTOR" }, secret: SECRET });
    const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie: `next-auth.session-token=${token}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const created = await emit<{ roomId: string; code: string }>(socket, "room:create", { bankSlug: bank.slug, questionCount: QUESTIONS, secondsPerQuestion: SECONDS, speedScoring: true, hostPlays: false, maxSeats: ROOM_SIZE + 1 });
    if (!created.ok) throw new Error(`room:create: ${created.code}`);
    hosts.push({ socket, ...created.data, games: 0 });
  }
  const players = [new Child("players", 0), new Child("players", 1)];
  await Promise.all(players.map((p) => p.ready));
  await Promise.all(players.map((p) => p.ask({ type: "join", url, rooms: hosts.map((h) => ({ roomId: h.roomId, code: h.code })) }, "joined")));
  log(`${PLAYERS} players joined ${ROOMS} rooms`);

  // Each host: after a reveal, the next question; at the end, a rematch and a new game.
  const endAt = Date.now() + MINUTES * 60_000;
  let running = true;
  for (const host of hosts) {
    host.socket.on("round:reveal", () => {
      if (running) setTimeout(() => void emit(host.socket, "round:next", { roomId: host.roomId }).then((r) => !r.ok && hostError(`next:${r.code}`)), 500);
    });
    host.socket.on("room:finished", () => {
      host.games += 1;
      if (!running) return;
      void emit<{ roomId: string; code: string }>(host.socket, "room:rematch", { roomId: host.roomId }).then(async (reply) => {
        if (!reply.ok) return hostError(`rematch:${reply.code}`);
        host.roomId = reply.data.roomId;
        host.code = reply.data.code;
        const started = await emit(host.socket, "room:start", { roomId: host.roomId });
        if (!started.ok) hostError(`start:${started.code}`);
      });
    });
    const started = await emit(host.socket, "room:start", { roomId: host.roomId });
    if (!started.ok) hostError(`start:${started.code}`);
  }

  // Past the time a finished room stays in memory (2 min) and a game or two more: the steady state.
  const warmUpMs = Math.min(MINUTES * 60_000 / 2, Math.max(3 * 60_000, (MINUTES * 60_000) / 5));
  await sleep(warmUpMs);
  const start = await usage();
  await server.ask({ type: "resetDelay" }, "resetDelay");
  log(`warm-up done: rss ${mb(start.rss)} MB, heap ${mb(start.heapUsed)} MB`);
  while (Date.now() < endAt) {
    await sleep(Math.min(30_000, Math.max(0, endAt - Date.now())));
    const now = await usage();
    log(`${Math.round((endAt - Date.now()) / 1000)} s left: rss ${mb(now.rss)} MB, heap ${mb(now.heapUsed)} MB, games ${hosts.reduce((n, h) => n + h.games, 0)}`);
  }
  const end = await usage();
  const delay = await server.ask({ type: "delay" }, "delay");
  running = false;
  // Let the games under way settle before counting and disconnecting.
  await sleep(2_000);
  const statuses = await Promise.all(players.map((p) => p.ask({ type: "status" }, "status")));
  const serverErrors = (await server.ask({ type: "errors" }, "errors")).errors as string[];
  const failureCodes: Record<string, number> = {};
  for (const s of statuses) for (const [code, n] of Object.entries(s.failureCodes as Record<string, number>)) failureCodes[code] = (failureCodes[code] ?? 0) + n;
  // An answer that reached the server after its deadline was sent late (a starved player
  // process): counted apart, as it says nothing about the server.
  const lateAnswers = failureCodes.too_late ?? 0;
  delete failureCodes.too_late;
  const answerFailures = Object.values(failureCodes).reduce((n, c) => n + c, 0);
  for (const host of hosts) host.socket.disconnect();
  await Promise.all(players.map((p) => p.stop()));
  await server.stop();
  await db.$disconnect();
  await database.stop();

  const rssGrowthPct = pct(start.rss, end.rss);
  const heapGrowthPct = pct(start.heapUsed, end.heapUsed);
  console.log(JSON.stringify({
    bench: "soak",
    minutes: MINUTES,
    players: PLAYERS,
    rooms: ROOMS,
    questionsPerGame: QUESTIONS,
    secondsPerQuestion: SECONDS,
    gamesPlayed: hosts.reduce((n, h) => n + h.games, 0),
    answersAcked: statuses.reduce((n, s) => n + (s.answered as number), 0),
    cpus: os.cpus().length,
    node: process.version,
    warmUpSeconds: warmUpMs / 1000,
    memory: { start: { rssMB: mb(start.rss), heapMB: mb(start.heapUsed) }, end: { rssMB: mb(end.rss), heapMB: mb(end.heapUsed) }, rssGrowthPct, heapGrowthPct },
    eventLoopDelayMs: { p50: round(delay.p50 as number), p99: round(delay.p99 as number), max: round(delay.max as number) },
    errors: { answerFailures, failureCodes, lateAnswers, hostErrors, serverErrors: serverErrors.length, serverErrorSamples: serverErrors.slice(0, 5) },
    baseline: { idleServer: { rssMB: mb(idle.usage.rss), heapMB: mb(idle.usage.heapUsed), eventLoopDelayP99Ms: round(idle.delay.p99 as number) } },
    // Live memory (the heap after a GC) is what a leak grows; RSS also keeps the allocator's high-water mark.
    ok: heapGrowthPct < 5 && answerFailures === 0 && serverErrors.length === 0 && Object.keys(hostErrors).length === 0,
  }));
}

const round = (n: number) => Math.round(n * 100) / 100;

if (args.role === "server") await runServer();
else if (args.role === "players") await runPlayers();
else
  await main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
