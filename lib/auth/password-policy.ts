// New passwords must not be easy to guess: zxcvbn-ts scores them against common passwords,
// English words and names, keyboard patterns, repeats, sequences, dates and the user's own
// name and email. Score 3 ("safely unguessable", about 10^8 guesses or more) is required:
// `aaaaaaaaaaaa` and `password1234` fail, a passphrase of three unrelated words passes.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const MIN_PASSWORD_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | null = null;

// The dictionaries are a few MB: loaded on the first check, not at start-up.
function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return factory;
}

export async function isGuessablePassword(password: string, userInputs: string[] = []): Promise<boolean> {
  const zxcvbn = await loadFactory();
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s]+/)]).filter((input) => input.length >= 3);
  const result = zxcvbn.check(password, inputs);
  return result.score < MIN_PASSWORD_SCORE;
}
