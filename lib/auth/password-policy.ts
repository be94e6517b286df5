// The password rules people see and the server enforces: length only (NIST 800-63B), no composition
// rules. Client-safe on purpose (no Node modules): the signup form shows the same rule as it's typed.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Length in code points, so an emoji or an accented letter counts as one character. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** The length rule: a message saying how to fix it, or null when the length is fine. */
export function passwordLengthProblem(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use ${PASSWORD_MAX} characters or fewer.`;
  return null;
}
