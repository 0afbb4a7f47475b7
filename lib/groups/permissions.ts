// Who may do what in a group: a pure table of role × action, so the whole authorization
// matrix is readable in one place and unit-tested. The data layer finds the caller's role
// and asks `decide`; the answer is the AppError code to refuse with, or "allow".
//
// Non-members get "not_found" (a group they cannot see looks exactly like a missing one);
// callers without a session (signed out, or a live-room guest, who has no account) get
// "unauthenticated"; members whose role does not allow the action get "forbidden".

export type GroupKind = "CLASS" | "STUDY_GROUP";
export type GroupRole = "OWNER" | "INSTRUCTOR" | "MEMBER";
/** The caller as seen by one group. */
export type Viewer = GroupRole | "OUTSIDER" | "GUEST" | "SIGNED_OUT";

export const GROUP_ACTIONS = [
  "view_group",
  "view_leaderboard",
  "view_report",
  "export_csv",
  "create_assignment",
  "edit_assignment",
  "delete_assignment",
  "start_live_game",
  "read_member_attempt",
  "remove_member",
  "rotate_code",
  "set_code_enabled",
  "set_co_teacher",
  "transfer_ownership",
  "archive_group",
  "reset_season",
  "leave_group",
  "play_weak_topics",
] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];

export type Decision = "allow" | "unauthenticated" | "not_found" | "forbidden";

const EVERY_MEMBER: readonly GroupRole[] = ["OWNER", "INSTRUCTOR", "MEMBER"];
const TEACHERS: readonly GroupRole[] = ["OWNER", "INSTRUCTOR"];
const OWNER: readonly GroupRole[] = ["OWNER"];

// Co-teachers (GroupRole INSTRUCTOR) exist in classes only; a study group has an owner and members.
const ALLOWED: Record<GroupAction, readonly GroupRole[]> = {
  view_group: EVERY_MEMBER,
  view_leaderboard: EVERY_MEMBER,
  view_report: TEACHERS,
  export_csv: TEACHERS,
  create_assignment: TEACHERS,
  edit_assignment: TEACHERS,
  delete_assignment: TEACHERS,
  start_live_game: TEACHERS,
  read_member_attempt: TEACHERS,
  remove_member: OWNER,
  rotate_code: OWNER,
  set_code_enabled: OWNER,
  set_co_teacher: OWNER,
  transfer_ownership: OWNER,
  archive_group: OWNER,
  reset_season: OWNER,
  // The owner hands the group over first: a group is never left without one.
  leave_group: ["INSTRUCTOR", "MEMBER"],
  play_weak_topics: EVERY_MEMBER,
};

/** Actions that change the group: refused once it is archived (read-only). */
export const WRITES: ReadonlySet<GroupAction> = new Set<GroupAction>([
  "create_assignment", "edit_assignment", "delete_assignment", "start_live_game", "remove_member", "rotate_code",
  "set_code_enabled", "set_co_teacher", "transfer_ownership", "reset_season", "play_weak_topics",
]);

export function decide(viewer: Viewer, action: GroupAction, kind: GroupKind): Decision {
  if (viewer === "SIGNED_OUT" || viewer === "GUEST") return "unauthenticated";
  if (viewer === "OUTSIDER") return "not_found";
  if (action === "set_co_teacher" && kind !== "CLASS") return "forbidden";
  return ALLOWED[action].includes(viewer) ? "allow" : "forbidden";
}

export function can(viewer: Viewer, action: GroupAction, kind: GroupKind): boolean {
  return decide(viewer, action, kind) === "allow";
}

/** Classes are created by instructors and admins (the account role); study groups by anyone signed in. */
export function canCreateGroup(accountRole: "LEARNER" | "INSTRUCTOR" | "ADMIN", kind: GroupKind): boolean {
  return kind === "STUDY_GROUP" || accountRole === "INSTRUCTOR" || accountRole === "ADMIN";
}
