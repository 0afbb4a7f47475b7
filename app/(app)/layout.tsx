import { requirePageUser } from "@/lib/auth/session";

// Every page in this group needs a signed-in user; actions check again on their own.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser();
  return <>{children}</>;
}
