// The password rules people see and the server enforces: length only (NIST 800-63B), no composition
// rules. Client-safe on purpose (no Node modules): the signup form shows the same rule as it's typed.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Length in code points, so an emoji or an accented letter counts as one character. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** A message as a catalogue key and its arguments (lib/i18n/messages): the same shape as the username policy's. */
export interface PasswordMessage {
  key: 'password.too_short' | 'password.too_long';
  params: { min: number } | { max: number };
}

/** The length rule: a message saying how to fix it, or null when the length is fine. */
export function passwordLengthProblem(password: string): PasswordMessage | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return { key: 'password.too_short', params: { min: PASSWORD_MIN } };
  if (length > PASSWORD_MAX) return passwordTooLong();
  return null;
}

export function passwordTooLong(): PasswordMessage {
  return { key: 'password.too_long', params: { max: PASSWORD_MAX } };
}
