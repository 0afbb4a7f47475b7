// Live answers feed the learners' mastery (recordAnswers, mode LIVE) after their round is
// scored, off the game's hot path. RoomAnswer.masteryRecordedAt is the outbox marker: a
// sweep claims scored, unrecorded answers with FOR UPDATE SKIP LOCKED (so several processes
// never record one answer twice) and marks them in the same transaction; a crash between
// scoring and recording is picked up by the next sweep of any process. Guests have no
// mastery: their answers are only marked.
import type { Db } from "../../db";
import { recordAnswers } from "../../learning/record-answers";

// recordAnswers reads and writes a batch in a few statements: a round of 200 learners is one batch.
const BATCH = 200;
const MAX_BATCHES_PER_SWEEP = 50;

export async function recordScoredAnswers(db: Db, limit = BATCH): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; userId: string | null; questionId: string; correct: boolean; answeredAt: Date; responseMs: number }[]>`
        SELECT a.id, p."userId", r."questionId", a.correct, a."answeredAt", a."responseMs"
        FROM "RoomAnswer" a
        JOIN "RoomPlayer" p ON p.id = a."playerId"
        JOIN "RoomRound" r ON r.id = a."roundId"
        WHERE a."masteryRecordedAt" IS NULL AND a.correct IS NOT NULL
        ORDER BY a."answeredAt"
        LIMIT ${limit}
        FOR UPDATE OF a SKIP LOCKED`;
      if (rows.length === 0) return 0;
      await recordAnswers(
        tx,
        rows
          .filter((row): row is typeof row & { userId: string } => row.userId !== null)
          .map((row) => ({ userId: row.userId, questionId: row.questionId, correct: row.correct, mode: "LIVE" as const, answeredAt: row.answeredAt, responseMs: row.responseMs })),
      );
      await tx.$executeRaw`UPDATE "RoomAnswer" SET "masteryRecordedAt" = (now() AT TIME ZONE 'UTC') WHERE id = ANY(${rows.map((r) => r.id)}::text[])`;
      return rows.length;
    },
    { timeout: 60_000 },
  );
}

export class MasteryFeeder {
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.interval ??= setInterval(() => this.kick(), this.intervalMs);
    this.interval.unref();
  }

  /** A round was scored: sweep soon (coalesced with a sweep already running). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweep().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    this.again = false;
    await this.running;
  }

  /** Resolves once nothing is being recorded (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      for (let i = 0; i < MAX_BATCHES_PER_SWEEP; i++) {
        if ((await recordScoredAnswers(this.db)) < BATCH) return;
      }
    } catch (error) {
      this.log(`mastery sweep: ${String(error)}`);
    }
  }
}
