import type { LeaderboardEntry } from "@/lib/realtime/engine";

export function Leaderboard({ entries, me, title }: { entries: LeaderboardEntry[]; me: string; title: string }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="mb-1 font-semibold">{title}</h2>
      <ol className="text-sm" data-testid="leaderboard">
        {entries.map((entry) => (
          <li key={entry.playerId} className={`flex justify-between py-0.5 ${entry.playerId === me ? "font-semibold text-brand-700" : ""}`}>
            <span>{entry.rank}. {entry.nickname}</span>
            <span className="tabular-nums">{entry.score}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
