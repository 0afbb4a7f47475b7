// Who may change a question bank. Pure: callers load the bank's `shipped` and `ownerId`.
//
// - A shipped bank (seeded from content/banks) changes only through content/: no import
//   writes it, whoever runs the import.
// - An imported bank belongs to the instructor who imported it; admins may update it too.
// - The command-line import runs as the operator: an admin without a user id, whose banks
//   have no owner.

export type BankCaller = { userId: string | null; admin: boolean };
export type BankAccess = { shipped: boolean; ownerId: string | null };

export function callerOf(user: { id: string; role: string }): BankCaller {
  return { userId: user.id, admin: user.role === "ADMIN" };
}

/** The command-line import (someone with the server's database at hand). */
export const OPERATOR: BankCaller = { userId: null, admin: true };

/** An import may write into this bank (given by name): never a shipped one; otherwise its owner or an admin. */
export function canImportInto(caller: BankCaller, bank: BankAccess): boolean {
  if (bank.shipped) return false;
  return caller.admin || (caller.userId !== null && bank.ownerId === caller.userId);
}

/**
 * The bank is the caller's own: an import whose bank comes from its file name updates it.
 * Anyone else's bank of that name (an admin's included) gets a new slug instead.
 */
export function ownsBank(caller: BankCaller, bank: BankAccess): boolean {
  return !bank.shipped && bank.ownerId === caller.userId;
}

/**
 * Editors may review and edit questions of their own banks and of the shipped bank (its
 * editorial errata); admins of every bank. Another instructor's bank is not theirs to see.
 */
export function canEditBank(caller: BankCaller, bank: BankAccess): boolean {
  return caller.admin || bank.shipped || (caller.userId !== null && bank.ownerId === caller.userId);
}

/** The share of a bank's published questions an import may retire without being confirmed. */
export const RETIRE_CONFIRM_SHARE = 0.25;

/** An import that retires more than a quarter of the published questions needs a confirmation. */
export function retireNeedsConfirmation(retiringPublished: number, published: number): boolean {
  return published > 0 && retiringPublished / published > RETIRE_CONFIRM_SHARE;
}
