// Issues a guest identity (nickname only) for joining live rooms without an account.
import { z } from "zod";
import { issueGuestToken } from "@/lib/auth/guest";
import { nicknameSchema } from "@/lib/auth/schema";
import { authSecret } from "@/lib/auth/secret";

const bodySchema = z.object({ nickname: nicknameSchema });

export async function POST(request: Request) {
  const body = await request.json().catch(() => null);
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    return Response.json({ ok: false, code: "invalid_input", issues: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  }
  const token = issueGuestToken(parsed.data.nickname, authSecret());
  return Response.json({ ok: true, data: { token, nickname: parsed.data.nickname } });
}
