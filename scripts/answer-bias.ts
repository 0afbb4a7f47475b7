// Prints how far a bank's keys can be guessed by length or position, for the editor
// rewriting choices: `npx tsx scripts/answer-bias.ts [bank dir] [--list]`.
// --list prints every question whose keys are the longest, with each choice's length;
// --all prints every question; --topic=<file prefix, e.g. 07> limits both to some topics.
import path from "node:path";
import { displayLength, displayText, keysAreLongest, measureAnswerBias, positionLetter } from "../lib/content/answer-bias";
import { loadBank } from "../lib/content/load";

const args = process.argv.slice(2);
const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? "content/banks/soa-c03");
const all = args.includes("--all");
const list = all || args.includes("--list");
const topicPrefix = args.find((a) => a.startsWith("--topic="))?.slice("--topic=".length);

const loaded = await loadBank(dir);
const questions = loaded.topics.flatMap((t) => t.questions);
const bias = measureAnswerBias(questions);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

console.log(`single:   key longest in ${bias.single.longest.length}/${bias.single.total} (${pct(bias.single.share)})`);
console.log(`multiple: keys longest in ${bias.multiple.longest.length}/${bias.multiple.total} (${pct(bias.multiple.share)})`);
console.log(
  `positions (single): ${bias.positions.counts.map((n, i) => `${positionLetter(i)} ${n} (${pct(n / bias.positions.total)})`).join(", ")}`,
);

console.log(
  `length ranks (single, 1 = longest): ${bias.ranks.counts.map((n, i) => `${i + 1}: ${n} (${pct(n / bias.ranks.total)})`).join(", ")}`,
);

// A second reading of "longest": on screen a Hangul syllable is about twice as wide as a
// Latin letter, so count wide characters twice and check the keys do not stand out that way either.
const width = (text: string) => Array.from(displayText(text)).reduce((w, ch) => w + (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
for (const type of ["single", "multiple"]) {
  const qs = questions.filter((q) => q.type === type);
  const longest = qs.filter((q) => {
    const keys = q.choices.filter((c) => c.correct).map((c) => width(c.text));
    const others = q.choices.filter((c) => !c.correct).map((c) => width(c.text));
    return Math.min(...keys) >= Math.max(...others);
  }).length;
  console.log(`${type} by on-screen width (wide = 2): keys longest in ${longest}/${qs.length} (${pct(longest / qs.length)})`);
}

// For multiple response, how many keys sit among the `choose` longest choices, against chance.
let keysInTop = 0;
let keySlots = 0;
let chance = 0;
for (const q of questions.filter((x) => x.type === "multiple")) {
  const k = q.choices.filter((c) => c.correct).length;
  const lengths = q.choices.map((c) => displayLength(c.text));
  const cutoff = [...lengths].sort((a, b) => b - a)[k - 1]!;
  q.choices.forEach((c, i) => {
    if (c.correct && lengths[i]! >= cutoff) keysInTop++;
  });
  keySlots += k;
  chance += (k * k) / q.choices.length;
}
console.log(`multiple: keys among the "choose" longest choices: ${keysInTop}/${keySlots} (${pct(keysInTop / keySlots)}; chance ${pct(chance / keySlots)})`);

const multiplePositions = new Map<number, number>();
let multipleKeys = 0;
for (const q of questions.filter((x) => x.type === "multiple")) {
  q.choices.forEach((c, i) => {
    if (!c.correct) return;
    multiplePositions.set(i, (multiplePositions.get(i) ?? 0) + 1);
    multipleKeys++;
  });
}
console.log(
  `positions (multiple, all keys): ${[...multiplePositions.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, n]) => `${positionLetter(i)} ${n} (${pct(n / multipleKeys)})`)
    .join(", ")}`,
);

console.log("per file (single longest / single, multiple longest / multiple, key positions):");
for (const t of loaded.topics) {
  const b = measureAnswerBias(t.questions);
  const letters = t.questions.map((q) => q.choices.map((c, i) => (c.correct ? positionLetter(i) : "")).join("")).join(" ");
  console.log(
    `  ${path.basename(t.file).padEnd(52)} ${b.single.longest.length}/${b.single.total}  ${b.multiple.longest.length}/${b.multiple.total}  ${letters}`,
  );
}

if (list) {
  for (const t of loaded.topics) {
    if (topicPrefix && !path.basename(t.file).startsWith(topicPrefix)) continue;
    for (const q of t.questions) {
      if (!all && !keysAreLongest(q.choices)) continue;
      const lengths = q.choices.map((c, i) => `${positionLetter(i)}${c.correct ? "*" : ""}=${displayLength(c.text)}`).join(" ");
      console.log(`${keysAreLongest(q.choices) ? "!" : " "} ${q.id.padEnd(48)} ${q.type.padEnd(8)} ${lengths}`);
    }
  }
}
