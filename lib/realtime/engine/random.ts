// Seeded, deterministic randomness. The seed lives in the room state, so a replay or a
// takeover process makes exactly the same choices. Room codes and seeds themselves come
// from crypto random bytes supplied by the caller.
export { mulberry32 as seededRng, shuffle as shuffled } from "../../random";
export type Rng = () => number;
