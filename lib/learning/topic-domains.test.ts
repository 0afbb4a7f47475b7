import { describe, expect, it } from "vitest";
import { majorityDomainByTopic } from "./topic-domains";

describe("majorityDomainByTopic", () => {
  it("puts a topic in the domain most of its questions carry, ties to the lower id", () => {
    const domains = majorityDomainByTopic([
      { topicId: "net", domain: 5 },
      { topicId: "net", domain: 5 },
      { topicId: "net", domain: 1 },
      { topicId: "tie", domain: 3 },
      { topicId: "tie", domain: 2 },
      { topicId: "mixed", domain: null },
      { topicId: "mixed", domain: 4 },
    ]);
    expect(domains).toEqual({ net: 5, tie: 2, mixed: 4 });
  });

  it("maps a topic without any tagged question to null", () => {
    expect(majorityDomainByTopic([{ topicId: "notes", domain: null }, { topicId: "notes", domain: null }])).toEqual({ notes: null });
    expect(majorityDomainByTopic([])).toEqual({});
  });
});
