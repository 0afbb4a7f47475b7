import { requirePageEditor } from "@/lib/auth/session";

// Learners get a plain 404 here: the editor's existence is not theirs to probe. Every page,
// action and route behind this layout checks the role again.
export default async function EditorLayout({ children }: { children: React.ReactNode }) {
  await requirePageEditor();
  return <>{children}</>;
}
