import { describe, expect, it } from "vitest";
import { canCreateGroup, decide, GROUP_ACTIONS, type GroupAction, type Viewer } from "./permissions";

const TEACHER_ACTIONS: GroupAction[] = ["view_report", "export_csv", "create_assignment", "edit_assignment", "delete_assignment", "start_live_game", "read_member_attempt"];
const OWNER_ACTIONS: GroupAction[] = ["remove_member", "rotate_code", "set_code_enabled", "set_co_teacher", "transfer_ownership", "archive_group", "reset_season"];

describe("group permissions", () => {
  it("refuses everyone without an account, and hides the group from non-members", () => {
    for (const action of GROUP_ACTIONS) {
      for (const kind of ["CLASS", "STUDY_GROUP"] as const) {
        expect(decide("SIGNED_OUT", action, kind)).toBe("unauthenticated");
        expect(decide("GUEST", action, kind)).toBe("unauthenticated");
        expect(decide("OUTSIDER", action, kind)).toBe("not_found");
      }
    }
  });

  it("lets owners and co-teachers see reports and manage assignments, never plain members", () => {
    for (const action of TEACHER_ACTIONS) {
      expect(decide("OWNER", action, "CLASS"), action).toBe("allow");
      expect(decide("INSTRUCTOR", action, "CLASS"), action).toBe("allow");
      expect(decide("MEMBER", action, "CLASS"), action).toBe("forbidden");
      expect(decide("OWNER", action, "STUDY_GROUP"), action).toBe("allow");
      expect(decide("MEMBER", action, "STUDY_GROUP"), action).toBe("forbidden");
    }
  });

  it("keeps membership and code administration to the owner", () => {
    for (const action of OWNER_ACTIONS) {
      expect(decide("OWNER", action, "CLASS"), action).toBe("allow");
      expect(decide("INSTRUCTOR", action, "CLASS"), action).toBe("forbidden");
      expect(decide("MEMBER", action, "CLASS"), action).toBe("forbidden");
    }
    // A study group has no co-teachers to appoint.
    expect(decide("OWNER", "set_co_teacher", "STUDY_GROUP")).toBe("forbidden");
  });

  it("lets every member see the leaderboard and play the weak topics; the owner cannot just leave", () => {
    const members: Viewer[] = ["OWNER", "INSTRUCTOR", "MEMBER"];
    for (const viewer of members) {
      expect(decide(viewer, "view_leaderboard", "STUDY_GROUP")).toBe("allow");
      expect(decide(viewer, "play_weak_topics", "STUDY_GROUP")).toBe("allow");
    }
    expect(decide("MEMBER", "leave_group", "CLASS")).toBe("allow");
    expect(decide("OWNER", "leave_group", "CLASS")).toBe("forbidden");
  });

  it("lets only instructors and admins create classes", () => {
    expect(canCreateGroup("LEARNER", "CLASS")).toBe(false);
    expect(canCreateGroup("LEARNER", "STUDY_GROUP")).toBe(true);
    expect(canCreateGroup("INSTRUCTOR", "CLASS")).toBe(true);
    expect(canCreateGroup("ADMIN", "CLASS")).toBe(true);
  });
});
