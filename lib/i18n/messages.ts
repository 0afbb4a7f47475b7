// Messages are split by namespace (one JSON file per feature, same names in every
// locale) so features add their own files; they are merged here.
import type { Locale } from "./config";

import koApp from "./messages/ko/app.json";
import koAuth from "./messages/ko/auth.json";
import koBanks from "./messages/ko/banks.json";
import koDashboard from "./messages/ko/dashboard.json";
import koErrors from "./messages/ko/errors.json";
import koLanding from "./messages/ko/landing.json";
import koNav from "./messages/ko/nav.json";
import koExam from "./messages/ko/exam.json";
import koPractice from "./messages/ko/practice.json";
import koMastery from "./messages/ko/mastery.json";
import koRooms from "./messages/ko/rooms.json";
import koEditor from "./messages/ko/editor.json";
import koGroups from "./messages/ko/groups.json";
import koAccount from "./messages/ko/account.json";
import koWeakDuel from "./messages/ko/weak-duel.json";
import koGhost from "./messages/ko/ghost.json";
import koDisputes from "./messages/ko/disputes.json";
import enApp from "./messages/en/app.json";
import enAuth from "./messages/en/auth.json";
import enBanks from "./messages/en/banks.json";
import enDashboard from "./messages/en/dashboard.json";
import enErrors from "./messages/en/errors.json";
import enLanding from "./messages/en/landing.json";
import enNav from "./messages/en/nav.json";
import enExam from "./messages/en/exam.json";
import enPractice from "./messages/en/practice.json";
import enMastery from "./messages/en/mastery.json";
import enRooms from "./messages/en/rooms.json";
import enEditor from "./messages/en/editor.json";
import enGroups from "./messages/en/groups.json";
import enAccount from "./messages/en/account.json";
import enWeakDuel from "./messages/en/weak-duel.json";
import enGhost from "./messages/en/ghost.json";
import enDisputes from "./messages/en/disputes.json";

export const MESSAGES = {
  ko: { ...koApp, ...koAuth, ...koBanks, ...koDashboard, ...koErrors, ...koLanding, ...koNav, ...koExam, ...koPractice, ...koMastery, ...koRooms, ...koEditor, ...koGroups, ...koAccount, ...koWeakDuel, ...koGhost, ...koDisputes },
  en: { ...enApp, ...enAuth, ...enBanks, ...enDashboard, ...enErrors, ...enLanding, ...enNav, ...enExam, ...enPractice, ...enMastery, ...enRooms, ...enEditor, ...enGroups, ...enAccount, ...enWeakDuel, ...enGhost, ...enDisputes },
} satisfies Record<Locale, Record<string, unknown>>;
