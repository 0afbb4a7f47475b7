// The failure shapes found by hand-labelling generated questions: each must be caught, and its honest
// neighbour must not be.
import { describe, expect, it } from "vitest";
import {
  containsWordLoosely,
  exceedsStatedMax,
  hasSingularUnitAfterPlural,
  isExampleValue,
  isGlossBlank,
  isLabResourceName,
  isListItemBlank,
  isNegatedAt,
  isRestatedDuration,
  swappedNumberAt,
} from "./honest-patterns";

describe("number swaps that stay true or read as broken", () => {
  it("finds the swapped number", () => {
    expect(swappedNumberAt("Timeout up to 5 minutes, 3 retries.", "Timeout up to 15 minutes, 3 retries.")).toBe(14);
  });
  it("an example value or a hypothetical is not a fact", () => {
    const quoted = '대상 추적: "평균 CPU 80% 유지"처럼 목표값을 정한다.';
    expect(isExampleValue(quoted, quoted.indexOf("80"))).toBe(true);
    const hypo = "If a queue holds 500 messages, scale out.";
    expect(isExampleValue(hypo, hypo.indexOf("500"))).toBe(true);
    const fact = "Default visibility timeout is 30 seconds, for example for slow consumers.";
    expect(isExampleValue(fact, fact.indexOf("30"))).toBe(false);
  });
  it("a negated clause is caught, a negation in another clause is not", () => {
    const neg = "44번 포트를 열지 않아도 된다.";
    expect(isNegatedAt(neg, 0)).toBe(true);
    const other = "Standard 티어: 무료, 파라미터 최대 100,000개, 파라미터 정책 없음.";
    expect(isNegatedAt(other, other.indexOf("100,000"))).toBe(false);
  });
  it("a duration restated in another unit gives the blank away", () => {
    const s = "기본 대기 시간은 1시간(3600초) 이다.";
    expect(isRestatedDuration(s, s.indexOf("1"), "1")).toBe(true);
    const t = "Retention is 24 hours by default, up to 365 days.";
    expect(isRestatedDuration(t, t.indexOf("24"), "24")).toBe(false);
  });
  it("a swapped default above the maximum the same sentence states is false on its face", () => {
    const c = "한 VPC에 CIDR 블록을 기본 200개까지 연결할 수 있다 (최대 50까지 늘릴 수 있음).";
    expect(exceedsStatedMax(c, c.indexOf("200"), "200", "5")).toBe(true);
    const d = "한 VPC에 CIDR 블록을 기본 10개까지 연결할 수 있다 (최대 50까지 늘릴 수 있음).";
    expect(exceedsStatedMax(d, d.indexOf("10"), "10", "5")).toBe(false);
  });
  it("a plural number before a singular unit reads as broken", () => {
    expect(hasSingularUnitAfterPlural("from 2 hour to 12 hours")).toBe(true);
    expect(hasSingularUnitAfterPlural("from 1 hour to 12 hours")).toBe(false);
  });
});

describe("cloze blanks the stem gives away or that many answers fit", () => {
  it("a blank glossing the words before it (acronym or Korean name)", () => {
    expect(isGlossBlank("Local secondary index (", "): same partition key", "LSI")).toBe(true);
    expect(isGlossBlank("예측 조정(", "): 과거 부하 패턴을 분석한다", "Predictive Scaling")).toBe(true);
    // The acronym is not spelled by "layer 7 load balancer": the learner must know it.
    expect(isGlossBlank("A layer 7 load balancer (", ") can read HTTP headers", "ALB")).toBe(false);
  });
  it("an item of an enumeration", () => {
    expect(isListItemBlank("Records API calls (console, ", ", SDK, other services)")).toBe(true);
    expect(isListItemBlank("", " and T4g instances start in unlimited mode")).toBe(false);
  });
  it("a name chosen in a lab", () => {
    expect(isLabResourceName("lab-vpc", ["VPC deep dive", "Lab: public and private subnets"])).toBe(true);
    expect(isLabResourceName("at-least-once", ["Amazon SQS"])).toBe(false);
  });
});

it("a plural heading is named by its singular in the statement", () => {
  expect(containsWordLoosely("copy an AMI to another Region", "AMIs")).toBe(true);
  expect(containsWordLoosely("copy an image to another Region", "AMIs")).toBe(false);
});
