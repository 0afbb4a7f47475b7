import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlayRoom } from "@/components/room/play-room";
import { getSessionUser } from "@/lib/auth/session";
import { normalizeRoomCode } from "@/lib/realtime/engine";

export async function generateMetadata() {
  return { title: (await getTranslations("rooms"))("title") };
}

// Open to guests: a nickname is enough to play.
export default async function PlayPage({ params }: { params: Promise<{ code: string }> }) {
  const code = normalizeRoomCode((await params).code);
  if (!code) notFound();
  const user = await getSessionUser();
  // Keyed by code: a rematch navigates to a new code and must start a fresh screen.
  return <PlayRoom key={code} code={code} signedInName={user?.name ?? null} />;
}
