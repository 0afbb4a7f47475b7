// One error type with a fixed set of codes: actions return the code, route handlers
// map it to a status, the UI maps it to a message in the learner's language.
export const ERROR_CODES = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  invalid_credentials: 401,
  throttled: 429,
  rate_limited: 429,
  deadline_passed: 409,
  already_submitted: 409,
  not_in_attempt: 400,
  not_open: 409,
  limit_reached: 409,
  archived: 409,
  // A bank with no question a learner can be given (none published, or none for the chosen exam version).
  bank_empty: 409,
  // The caller must confirm a destructive step (an import retiring many published questions).
  confirmation_required: 409,
  // Publishing a draft imported from a quiz whose key the notes did not give.
  needs_key: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; fieldErrors?: Record<string, string[]> };

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
