import { describe, expect, it } from "vitest";
import {
  displayLength,
  displayText,
  keyLengthRank,
  keyLengthRatio,
  keysAreLongest,
  measureAnswerBias,
  type BiasChoice,
  type BiasQuestion,
} from "./answer-bias";

/** Choices from texts; the keys are those marked with a leading "*". */
function choices(...texts: string[]): BiasChoice[] {
  return texts.map((t) => ({ text: t.replace(/^\*/, ""), correct: t.startsWith("*") }));
}

function single(id: string, ...texts: string[]): BiasQuestion {
  return { id, type: "single", choices: choices(...texts) };
}

describe("displayText and displayLength", () => {
  it("count what a reader sees: no markdown markers, collapsed whitespace", () => {
    expect(displayText("  `modinfo ena`로   **설치** 여부를\n확인한다. ")).toBe("modinfo ena로 설치 여부를 확인한다.");
    expect(displayText("[AWS 문서](https://docs.aws.amazon.com)를 본다")).toBe("AWS 문서를 본다");
    expect(displayText("StatusCheckFailed_System과 *강조*")).toBe("StatusCheckFailed_System과 강조");
  });

  it("counts a Hangul syllable as one character, however it is encoded", () => {
    expect(displayLength("한글")).toBe(2);
    expect(displayLength("한글".normalize("NFD"))).toBe(2);
    expect(displayLength("`ab`")).toBe(2);
  });
});

describe("keysAreLongest", () => {
  it("is true when the key is the longest, and for a tie (strict)", () => {
    expect(keysAreLongest(choices("*a long key", "short", "tiny", "mini"))).toBe(true);
    expect(keysAreLongest(choices("*equal", "equal!", "x", "y"))).toBe(false);
    expect(keysAreLongest(choices("*same1", "same2", "x", "y"))).toBe(true);
  });

  it("for several keys, is true only when every key outranks every distractor", () => {
    expect(keysAreLongest(choices("*longest one", "*second one", "short", "tiny", "mini"))).toBe(true);
    expect(keysAreLongest(choices("*longest one", "*k", "short", "tiny", "mini"))).toBe(false);
  });

  it("ignores markdown when comparing", () => {
    expect(keysAreLongest(choices("*`ab`", "abc", "a", "b"))).toBe(false);
  });
});

describe("keyLengthRank and keyLengthRatio", () => {
  it("ranks a key 1 when longest (ties included) and 4 when shortest of four", () => {
    expect(keyLengthRank(choices("*aaaa", "bbb", "cc", "d"))).toBe(1);
    expect(keyLengthRank(choices("*aaa", "bbb", "cc", "d"))).toBe(1);
    expect(keyLengthRank(choices("*cc", "aaaa", "bbb", "d"))).toBe(3);
    expect(keyLengthRank(choices("*d", "aaaa", "bbb", "cc"))).toBe(4);
  });

  it("compares the shortest key with the longest distractor", () => {
    expect(keyLengthRatio(choices("*aaaaaaaaaa", "aaaaa", "aa", "a"))).toBe(2);
    expect(keyLengthRatio(choices("*aaaaa", "aaaaaaaaaa", "aa", "a"))).toBe(0.5);
  });
});

describe("measureAnswerBias", () => {
  const questions: BiasQuestion[] = [
    single("q1", "*the longest choice", "short", "tiny", "mini"),
    single("q2", "a longer distractor", "*key", "tiny", "mini"),
    single("q3", "a longer distractor", "*key", "tiny", "mini"),
    single("q4", "a longer distractor", "b", "*the key text", "c"),
    { id: "m1", type: "multiple", choices: choices("*longest one", "*second one", "short", "tiny", "mini") },
    { id: "m2", type: "multiple", choices: choices("*k", "*second one", "short", "a longer distractor", "mini") },
  ];
  const bias = measureAnswerBias(questions);

  it("names the questions whose keys are longest, per type, with the share", () => {
    expect(bias.single).toEqual({ total: 4, longest: ["q1"], share: 0.25 });
    expect(bias.multiple).toEqual({ total: 2, longest: ["m1"], share: 0.5 });
  });

  it("counts single-response keys by display position and finds the fullest", () => {
    expect(bias.positions.counts).toEqual([1, 2, 1]);
    expect(bias.positions.maxPosition).toBe(1);
    expect(bias.positions.maxShare).toBe(0.5);
  });

  it("counts single-response keys by length rank", () => {
    expect(bias.ranks.counts).toEqual([1, 1, 0, 2]);
    expect(bias.ranks.maxRank).toBe(4);
    expect(bias.ranks.maxShare).toBe(0.5);
  });
});
