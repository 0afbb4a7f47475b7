// The shape every per-socket request event shares (ghost races, weak-topic duels): spend the
// socket's command budget, validate the payload (zod), require an identity, run, and always ack.
import type { Socket } from "socket.io";
import type { z } from "zod";
import { allow, type BucketState } from "../engine";
import type { Ack } from "../events";

export type AckedEvents<Who> = {
  /** Spends one command from the socket's budget: false when it is empty. */
  spend: () => boolean;
  /** Who is asking, or null (refused as not signed in). */
  who: Who | null;
  log: (line: string) => void;
  /** A known error turned into its refusal; anything else is logged and answered "internal". */
  refusal?: (error: unknown) => Ack<unknown> | null;
};

/** A per-socket command budget over the engine's token bucket. */
export function commandBudget(limit: Parameters<typeof allow>[2], now: () => number): () => boolean {
  let bucket: BucketState | null = null;
  return () => {
    const decision = allow(bucket, now(), limit);
    bucket = decision.state;
    return decision.allowed;
  };
}

export function onAcked<Who, S extends z.ZodType>(socket: Socket, options: AckedEvents<Who>, event: string, schema: S, run: (input: z.infer<S>, who: Who) => Promise<Ack<unknown>>): void {
  socket.on(event, async (first: unknown, second: unknown) => {
    // `emit(event, ack)` without a payload: the ack comes first.
    const [payload, ack] = typeof first === "function" ? [undefined, first] : [first, second];
    const reply = typeof ack === "function" ? (ack as (r: Ack<unknown>) => void) : () => {};
    try {
      if (!options.spend()) return reply({ ok: false, code: "rate_limited" });
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, code: "invalid_input" });
      if (options.who === null) return reply({ ok: false, code: "not_signed_in" });
      reply(await run(parsed.data, options.who));
    } catch (error) {
      const refused = options.refusal?.(error);
      if (refused) return reply(refused);
      options.log(`${event}: ${String(error)}`);
      reply({ ok: false, code: "internal" });
    }
  });
}
