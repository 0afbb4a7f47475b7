import { describe, expect, it } from "vitest";
import {
  assignmentPoints, assignmentRefusal, assignmentWindow, cappedDeadline, joinCodeFromBytes, JOIN_CODE_LENGTH, liveStatus, livePoints,
  memberStatus, normalizeJoinCode, rankLeaderboard, utcToZonedLocal, weakTopics, zonedLocalToUtc,
} from "./rules";

const due = new Date("2026-11-21T14:59:00Z");
const timing = { openAt: new Date("2026-11-20T00:00:00Z"), dueAt: due, latePolicy: "REFUSE" as const };
const after = (ms: number) => new Date(due.getTime() + ms);

describe("time zones", () => {
  it("reads a wall-clock time in the group's zone as the right UTC instant", () => {
    expect(zonedLocalToUtc("2026-11-21T23:59", "Asia/Seoul")?.toISOString()).toBe("2026-11-21T14:59:00.000Z");
    expect(zonedLocalToUtc("2026-07-01T09:00", "America/New_York")?.toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(zonedLocalToUtc("2026-12-01T09:00", "America/New_York")?.toISOString()).toBe("2026-12-01T14:00:00.000Z");
    expect(zonedLocalToUtc("2026-11-21T09:00", "UTC")?.toISOString()).toBe("2026-11-21T09:00:00.000Z");
  });

  it("round-trips through the zone's wall clock, and refuses nonsense", () => {
    expect(utcToZonedLocal(new Date("2026-11-21T14:59:00Z"), "Asia/Seoul")).toBe("2026-11-21T23:59");
    expect(utcToZonedLocal(new Date("2026-03-08T12:00:00Z"), "America/New_York")).toBe("2026-03-08T08:00");
    expect(zonedLocalToUtc("2026-11-21 23:59", "Asia/Seoul")).toBeNull();
    expect(zonedLocalToUtc("2026-11-21T23:59", "Mars/Olympus")).toBeNull();
    expect(zonedLocalToUtc("2026-13-01T00:00", "UTC")).toBeNull();
  });

  it("moves a time skipped by the spring DST change forward instead of failing", () => {
    // 02:30 does not exist in New York on 2026-03-08.
    const skipped = zonedLocalToUtc("2026-03-08T02:30", "America/New_York")!;
    expect(["2026-03-08T06:30:00.000Z", "2026-03-08T07:30:00.000Z"]).toContain(skipped.toISOString());
  });
});

describe("the window and the late policy", () => {
  it("is closed before it opens, open until the due time plus grace, then refused or late", () => {
    expect(assignmentWindow(timing, new Date("2026-11-19T23:59:59Z"))).toBe("not_open");
    expect(assignmentWindow(timing, after(0))).toBe("open");
    expect(assignmentWindow(timing, after(1_500))).toBe("open");
    expect(assignmentWindow(timing, after(60_000))).toBe("closed");
    expect(assignmentWindow({ ...timing, latePolicy: "ACCEPT_LATE" }, after(60_000))).toBe("late");
    expect(assignmentRefusal(timing, after(60_000))).toBe("deadline_passed");
    expect(assignmentRefusal(timing, new Date("2026-11-19T00:00:00Z"))).toBe("not_open");
    expect(assignmentRefusal({ ...timing, latePolicy: "ACCEPT_LATE" }, after(60_000))).toBeNull();
  });

  it("cuts a timed attempt at the due time only when late work is refused", () => {
    const started = after(-10 * 60_000);
    expect(cappedDeadline(started, 20, timing).toISOString()).toBe(due.toISOString());
    expect(cappedDeadline(started, 20, { ...timing, latePolicy: "ACCEPT_LATE" }).getTime()).toBe(started.getTime() + 20 * 60_000);
    expect(cappedDeadline(started, 5, timing).getTime()).toBe(started.getTime() + 5 * 60_000);
  });

  it("gives each member one of five statuses", () => {
    expect(memberStatus(timing, null, after(-1000))).toBe("not_started");
    expect(memberStatus(timing, { status: "IN_PROGRESS", submittedAt: null }, after(-1000))).toBe("in_progress");
    expect(memberStatus(timing, { status: "SUBMITTED", submittedAt: after(-1000) }, after(5000))).toBe("submitted");
    expect(memberStatus({ ...timing, latePolicy: "ACCEPT_LATE" }, { status: "SUBMITTED", submittedAt: after(3600_000) }, after(3600_000))).toBe("late");
    expect(memberStatus(timing, null, after(60_000))).toBe("missed");
    expect(memberStatus(timing, { status: "IN_PROGRESS", submittedAt: null }, after(60_000))).toBe("missed");
    expect(liveStatus(true, true, timing, after(0))).toBe("submitted");
    expect(liveStatus(false, true, timing, after(-5000))).toBe("missed");
    expect(liveStatus(false, false, timing, after(-5000))).toBe("not_started");
  });
});

describe("leaderboard", () => {
  it("counts late answers at half and live scores by a tenth, and ranks ties together", () => {
    expect(assignmentPoints(7, false)).toBe(700);
    expect(assignmentPoints(7, true)).toBe(350);
    expect(livePoints(2345)).toBe(235);
    const ranked = rankLeaderboard([
      { userId: "b", name: "Bo", points: 300 },
      { userId: "a", name: "Ann", points: 500 },
      { userId: "c", name: "Cy", points: 300 },
      { userId: "d", name: "Di", points: 0 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([["Ann", 1], ["Bo", 2], ["Cy", 2], ["Di", 4]]);
  });
});

describe("join codes", () => {
  it("draws uniform codes from an unambiguous alphabet and forgives case, spaces and dashes", () => {
    const code = joinCodeFromBytes(new Uint8Array(Array.from({ length: 16 }, (_, i) => i * 7)))!;
    expect(code).toHaveLength(JOIN_CODE_LENGTH);
    expect(code).not.toMatch(/[01IOL]/);
    expect(joinCodeFromBytes(new Uint8Array(16).fill(255))).toBeNull();
    expect(normalizeJoinCode(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `)).toBe(code);
    expect(normalizeJoinCode("ABCD-EFG0")).toBeNull();
  });
});

describe("weak topics", () => {
  it("ranks topics by the members' mean mastery, ignoring topics nobody answered", () => {
    const cells = [
      { topicId: "t1", mastery: 0.9, answers: 5 }, { topicId: "t1", mastery: 0.7, answers: 3 },
      { topicId: "t2", mastery: 0.3, answers: 4 }, { topicId: "t2", mastery: 0.5, answers: 2 },
      { topicId: "t3", mastery: 0.1, answers: 0 },
      { topicId: "t4", mastery: 0.6, answers: 1 },
    ];
    expect(weakTopics(cells, 2).map((t) => t.topicId)).toEqual(["t2", "t4"]);
    expect(weakTopics(cells, 3)[0]).toMatchObject({ topicId: "t2", learners: 2 });
    expect(weakTopics(cells, 3)[0]!.mastery).toBeCloseTo(0.4);
    // t1 (80% on average) is not weak at all.
    expect(weakTopics(cells, 5).map((t) => t.topicId)).toEqual(["t2", "t4"]);
  });
});
