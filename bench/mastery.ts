// Mastery estimator benchmark: `npx tsx bench/mastery.ts [--seed S] [--learners N]`.
//
// Simulates learners with a known skill θ* per topic answering items of known difficulty b
// under a Rasch model, P(correct) = σ(θ* − b). The estimator sees only what production
// sees: the answer, the item's authored level (a noisy easy/medium/hard label of b) and
// the item difficulties it learns itself from the whole cohort (recordAnswer). After the
// 10th, 30th and 100th answer in a topic it is scored by |σ(θ̂) − σ(θ*)|: the error of the
// "mastery %" against the true probability of answering an average (b = 0) item right.
// The baseline, computed on the same answers, is the Laplace-smoothed running proportion
// correct (k + 1)/(n + 2). The last line of stdout is one JSON object.
import { seededRandom } from "../lib/random";
import { logistic, masteryInterval, masteryProbability, type MasteryState } from "../lib/mastery/model";
import { recordAnswer, type ItemState } from "../lib/mastery/record";
import type { DifficultyLevel } from "../lib/mastery/model";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const SEED = arg("seed", "studyarena-mastery-1");
const LEARNERS = Number(arg("learners", "600"));
const TOPICS = 10;
const ITEMS_PER_TOPIC = 120;
const ANSWERS_PER_TOPIC = 100;
const CHECKPOINTS = [10, 30, 100] as const;
const ANSWERS_PER_DAY = 25;
const DAY = 86_400_000;
const T0 = Date.parse("2025-01-01T00:00:00Z");

const random = seededRandom(SEED);
function normal(): number {
  // Box–Muller
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
function shuffleInPlace<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

// ── the world ────────────────────────────────────────────────────────────────────────
type Item = { id: string; topic: number; trueB: number; level: DifficultyLevel };
const items: Item[] = [];
for (let t = 0; t < TOPICS; t++) {
  const topicShift = 0.4 * normal(); // some topics are harder overall
  for (let i = 0; i < ITEMS_PER_TOPIC; i++) {
    const trueB = topicShift + normal();
    const perceived = trueB + 0.5 * normal(); // authors misjudge difficulty a little
    const level: DifficultyLevel = perceived < -0.5 ? "easy" : perceived > 0.5 ? "hard" : "medium";
    items.push({ id: `t${t}-q${i}`, topic: t, trueB, level });
  }
}
const itemsByTopic = Array.from({ length: TOPICS }, (_, t) => items.filter((it) => it.topic === t));

type Event = { learner: number; topic: number; item: Item; at: number };
const trueTheta: number[][] = [];
const events: Event[] = [];
for (let l = 0; l < LEARNERS; l++) {
  const general = 0.3 + 0.8 * normal();
  trueTheta.push(Array.from({ length: TOPICS }, () => general + 0.6 * normal()));
  // Each learner answers 100 distinct questions in every topic, topics interleaved,
  // 25 answers a day from a start day spread over two months.
  const queue: Event[] = [];
  for (let t = 0; t < TOPICS; t++) {
    const picks = shuffleInPlace([...(itemsByTopic[t] ?? [])]).slice(0, ANSWERS_PER_TOPIC);
    for (const item of picks) queue.push({ learner: l, topic: t, item, at: 0 });
  }
  shuffleInPlace(queue);
  const startDay = Math.floor(random() * 60);
  queue.forEach((e, k) => {
    e.at = T0 + (startDay + Math.floor(k / ANSWERS_PER_DAY)) * DAY + (k % ANSWERS_PER_DAY) * 60_000;
  });
  events.push(...queue);
}
events.sort((a, b) => a.at - b.at || a.learner - b.learner);

// ── run the estimator and the baseline on the same answers ───────────────────────────
const mastery = new Map<string, MasteryState>();
const counts = new Map<string, { n: number; k: number }>();
const itemState = new Map<string, ItemState>(items.map((it) => [it.id, { difficulty: 0, answers: 0, level: it.level }]));
const err = { model: new Map<number, number[]>(), baseline: new Map<number, number[]>(), covered: new Map<number, number[]> () };
for (const c of CHECKPOINTS) {
  err.model.set(c, []);
  err.baseline.set(c, []);
  err.covered.set(c, []);
}

for (const e of events) {
  const key = `${e.learner}:${e.topic}`;
  const theta = trueTheta[e.learner]?.[e.topic] ?? 0;
  const correct = random() < logistic(theta - e.item.trueB);
  const out = recordAnswer(
    { userId: `u${e.learner}`, topicId: `t${e.topic}`, questionId: e.item.id, correct, answeredAt: new Date(e.at), mode: "PRACTICE" },
    { mastery: mastery.get(key) ?? null, item: itemState.get(e.item.id) ?? { difficulty: 0, answers: 0 } },
  );
  mastery.set(key, out.mastery);
  itemState.set(e.item.id, out.item);
  const c = counts.get(key) ?? { n: 0, k: 0 };
  c.n += 1;
  c.k += correct ? 1 : 0;
  counts.set(key, c);
  if ((CHECKPOINTS as readonly number[]).includes(c.n)) {
    const truth = logistic(theta);
    err.model.get(c.n)?.push(Math.abs(masteryProbability(out.mastery) - truth));
    err.baseline.get(c.n)?.push(Math.abs((c.k + 1) / (c.n + 2) - truth));
    const band = masteryInterval(out.mastery);
    err.covered.get(c.n)?.push(band.low <= truth && truth <= band.high ? 1 : 0);
  }
}

const mean = (xs: number[] | undefined) => (xs && xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const table = (m: Map<number, number[]>) => ({
  after10: round(mean(m.get(10))),
  after30: round(mean(m.get(30))),
  after100: round(mean(m.get(100))),
});

const itemErr = items.map((it) => Math.abs((itemState.get(it.id)?.difficulty ?? 0) - it.trueB));
const priorErr = items.map((it) => Math.abs({ easy: -1, medium: 0, hard: 1 }[it.level] - it.trueB));

const result = {
  model: "Rasch (1PL IRT) fitted online with Glicko-1 updates (learner-topic θ and item b, authored-difficulty prior)",
  learners: LEARNERS,
  topics: TOPICS,
  itemsPerTopic: ITEMS_PER_TOPIC,
  answers: events.length,
  mae: table(err.model),
  baseline: { name: "running proportion correct (Laplace-smoothed)", mae: table(err.baseline) },
  coverage80: table(err.covered),
  itemDifficultyMae: { authoredPrior: round(mean(priorErr)), learned: round(mean(itemErr)) },
  seed: SEED,
};
console.log(
  `mastery bench: ${LEARNERS} learners × ${TOPICS} topics × ${ANSWERS_PER_TOPIC} answers (seed ${SEED})\n` +
    `  MAE of mastery % vs truth   model ${result.mae.after10} / ${result.mae.after30} / ${result.mae.after100}` +
    `   baseline ${result.baseline.mae.after10} / ${result.baseline.mae.after30} / ${result.baseline.mae.after100}   (after 10 / 30 / 100)`,
);
console.log(JSON.stringify(result));
