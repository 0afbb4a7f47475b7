// A child process of the reconnect-storm case: some of the room's players, as socket.io
// clients that reconnect by themselves and send room:rejoin (as the browser client does);
// "drop" cuts their TCP connections at once, as a network failure would.
// Players live in processes of their own so that the test's clients do not starve the app's.
// Driven over IPC by test/faults/rooms-storm.fault.ts.
import { io as connect, type Socket } from "socket.io-client";
import type { RoundResultPayload, RoundStartPayload } from "../../lib/realtime/engine";
import type { RoomJoinView } from "../../lib/realtime/events";
import { guestToken } from "../../lib/realtime/rooms/testing";

type Bot = { index: number; socket: Socket; score: number | null; rejoinedAt: number | null; problem: string | null };
export type StormMessage =
  | { type: "join"; url: string; roomId: string; code: string; indices: number[] }
  | { type: "drop" }
  | { type: "status" }
  | { type: "stop" };
export type StormStatus = { type: "status"; cpuMs: number; joined: number; answered: number; scored: number; back: number; rejoinedAt: number[]; problems: string[] };

const bots: Bot[] = [];
let roomId = "";
let armed = false;
let answered = 0;
const problems: string[] = [];

/** Half the players answer right, half wrong, so that scores differ. */
function choicesFor(bot: Bot, start: RoundStartPayload): string[] {
  const right = start.question.choiceIds.slice(0, start.question.choose ?? 1);
  return bot.index % 2 === 0 ? right : start.question.choiceIds.filter((id) => !right.includes(id)).slice(0, right.length);
}

async function join(message: Extract<StormMessage, { type: "join" }>): Promise<void> {
  roomId = message.roomId;
  for (let first = 0; first < message.indices.length; first += 100) {
    await Promise.all(message.indices.slice(first, first + 100).map(async (index) => {
      const socket: Socket = connect(message.url, { transports: ["websocket"], forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 2_000, auth: { guestToken: guestToken(`Bot ${index}`, `storm-${index}`) } });
      const bot: Bot = { index, socket, score: null, rejoinedAt: null, problem: null };
      bots.push(bot);
      socket.on("round:result", (result: RoundResultPayload) => (bot.score = result.score));
      socket.on("round:start", (start: RoundStartPayload) => {
        void (socket.timeout(30_000).emitWithAck("round:answer", { roomId, round: start.round, choiceIds: choicesFor(bot, start) }) as Promise<{ ok: boolean; code?: string }>).then(
          (reply) => (reply.ok ? (answered += 1) : problems.push(`bot ${index} answer: ${reply.code}`)),
          () => problems.push(`bot ${index} answer: no ack`),
        );
      });
      socket.on("connect", () => {
        if (!armed) return;
        void (socket.timeout(30_000).emitWithAck("room:rejoin", { roomId }) as Promise<{ ok: boolean; code?: string; data?: RoomJoinView }>).then(
          (reply) => {
            if (!reply.ok || !reply.data) return void problems.push(`bot ${index} rejoin: ${reply.code}`);
            if (reply.data.me.score !== bot.score) bot.problem = `bot ${index}: score ${reply.data.me.score}, had ${bot.score}`;
            else if (!reply.data.me.plays || reply.data.roomId !== roomId) bot.problem = `bot ${index}: not back in its seat`;
            bot.rejoinedAt ??= Date.now();
          },
          () => problems.push(`bot ${index} rejoin: no ack`),
        );
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const joined = (await socket.timeout(30_000).emitWithAck("room:join", { code: message.code })) as { ok: boolean; code?: string };
      if (!joined.ok) problems.push(`bot ${index} join: ${joined.code}`);
    }));
  }
}

function status(): StormStatus {
  return {
    type: "status",
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    joined: bots.length,
    answered,
    scored: bots.filter((b) => b.score !== null).length,
    back: bots.filter((b) => b.rejoinedAt !== null).length,
    rejoinedAt: bots.map((b) => b.rejoinedAt).filter((t): t is number => t !== null),
    problems: [...problems, ...bots.map((b) => b.problem).filter((p): p is string => p !== null)].slice(0, 20),
  };
}

process.on("message", (message: StormMessage) => {
  if (message.type === "join") void join(message).then(() => process.send!({ type: "joined" }), (error: unknown) => process.send!({ type: "error", error: String(error) }));
  else if (message.type === "drop") {
    // A network drop, not a goodbye: the TCP connection under each WebSocket is destroyed.
    armed = true;
    const droppedAt = Date.now();
    for (const bot of bots) (bot.socket.io.engine.transport as unknown as { ws?: { _socket?: { destroy: () => void } } }).ws?._socket?.destroy();
    process.send!({ type: "dropped", droppedAt });
  } else if (message.type === "status") process.send!(status());
  else if (message.type === "stop") {
    for (const bot of bots) bot.socket.disconnect();
    process.exit(0);
  }
});
process.send!({ type: "ready" });
