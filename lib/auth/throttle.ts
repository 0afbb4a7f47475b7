// Sign-in throttling kept in Postgres, so every server process sees the same count.
import { db } from "../db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export async function isThrottled(keys: { email: string; ip: string }, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db().loginAttempt.count({ where: { key: `email:${keys.email}`, success: false, createdAt: { gte: since } } }),
    db().loginAttempt.count({ where: { key: `ip:${keys.ip}`, success: false, createdAt: { gte: since } } }),
  ]);
  return byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP;
}

export async function recordLoginAttempt(keys: { email: string; ip: string }, success: boolean): Promise<void> {
  if (success) {
    // A successful sign-in clears the email's failures; the IP's stay.
    await db().loginAttempt.deleteMany({ where: { key: `email:${keys.email}`, success: false } });
    return;
  }
  await db().loginAttempt.createMany({ data: [{ key: `email:${keys.email}`, success }, { key: `ip:${keys.ip}`, success }] });
}
