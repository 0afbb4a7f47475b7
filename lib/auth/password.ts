// argon2id with OWASP's minimum configuration (Password Storage Cheat Sheet):
// m = 19 MiB, t = 2, p = 1.
import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2's Algorithm is a const enum, which isolated modules cannot import: 2 = Argon2id.
const ARGON2ID = 2;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the email is unknown keeps response times alike,
// so timing does not tell which emails have accounts.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("studyarena-timing-equalizer");
  await verifyPassword(await dummyHash, password);
}
