import { describe, expect, it } from "vitest";
import { isGuessablePassword } from "./password-policy";

describe("password policy", () => {
  it("refuses common passwords, repeats, keyboard walks and the user's own details", async () => {
    for (const password of ["aaaaaaaaaaaa", "password1234", "123456789012", "qwertyuiop12", "iloveyou1234", "Password1234!"]) {
      expect(await isGuessablePassword(password), password).toBe(true);
    }
    expect(await isGuessablePassword("jisoo.kim@studyarena.dev", ["jisoo.kim@studyarena.dev", "Jisoo Kim"])).toBe(true);
    expect(await isGuessablePassword("jisoo.kim@studyarena.dev")).toBe(false);
  });

  it("accepts passphrases and long random strings", async () => {
    for (const password of ["a long enough passphrase", "correct horse battery", "x9$kL2!mQp7z", "학습아레나에서열심히공부"]) {
      expect(await isGuessablePassword(password), password).toBe(false);
    }
  });
});
