// What namecheck puts on an Auth.js session token (the JWT) and how it is read back: one claim name,
// used by the jwt callback that writes it and by both readers (Auth.js's `auth()` through the session
// callback, and the check endpoints' own cookie decoder).

/** The claim that holds the signed-in person's user id. */
export const SESSION_USER_CLAIM = 'uid';

/** The user id a decoded session token names, or null when it names none. */
export function sessionUserId(claims: Readonly<Record<string, unknown>> | null | undefined): number | null {
  const id = Number(claims?.[SESSION_USER_CLAIM]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
