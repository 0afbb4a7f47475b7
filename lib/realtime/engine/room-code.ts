// Room codes: 6 characters from a 31-character alphabet without look-alikes (no 0/O, 1/I/L),
// 31^6 = 887,503,681 codes. Pure: the caller passes random bytes (crypto.randomBytes).
//
// A code is a capability only together with join rate limiting. With R live rooms, a random
// guess hits one with probability R / 887M: 10,000 live rooms and an unthrottled client doing
// 1,000 guesses per second finds a room in ~90 s. With RATE_LIMITS.joinUnknownCode (per IP,
// 10, then one failed lookup per 30 s = 2,880 a day) the same attacker needs ~31 IP-days per
// hit (~3,100 with 100 live rooms), and a code dies with its room. Rooms whose content is
// private should also check the identity (class roster, invitation), not the code alone.

export const ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ROOM_CODE_LENGTH = 6;
/** Bytes to pass so that a code comes out with overwhelming probability (rejection sampling). */
export const ROOM_CODE_BYTES = 16;
/** 31^6 */
export const ROOM_CODE_SPACE = ROOM_CODE_ALPHABET.length ** ROOM_CODE_LENGTH;

// Bytes >= 248 are skipped so each character is uniform (248 = 8 × 31).
const LIMIT = 256 - (256 % ROOM_CODE_ALPHABET.length);

/** A code from random bytes, or null when the bytes ran out (try again with fresh bytes). */
export function roomCodeFromBytes(bytes: Uint8Array): string | null {
  let code = "";
  for (const byte of bytes) {
    if (byte >= LIMIT) continue;
    code += ROOM_CODE_ALPHABET[byte % ROOM_CODE_ALPHABET.length];
    if (code.length === ROOM_CODE_LENGTH) return code;
  }
  return null;
}

/** What a person typed → the canonical code, or null if it cannot be one. Case, spaces and dashes are forgiven. */
export function normalizeRoomCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  return isRoomCode(code) ? code : null;
}

export function isRoomCode(code: string): boolean {
  if (code.length !== ROOM_CODE_LENGTH) return false;
  for (const ch of code) if (!ROOM_CODE_ALPHABET.includes(ch)) return false;
  return true;
}
