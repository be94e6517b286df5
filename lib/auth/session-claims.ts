// What namecheck puts on an Auth.js session token (the JWT) and how it is read back: the claim names,
// used by the jwt callback that writes them and by both readers (Auth.js's `auth()` through the jwt
// callback, and the check endpoints' own cookie decoder), which decide with lib/auth/sessions.ts.

/**
 * How long a session token lives after signing in: seven days, not Auth.js's 30. Ending a session
 * early is the session version's job (lib/auth/sessions.ts); a short life bounds what a copied
 * cookie is worth in the meantime. Pages read sessions without renewing them, so this is also how
 * often a person signs in again.
 */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** The claim that holds the signed-in person's user id. */
export const SESSION_USER_CLAIM = 'uid';

/** The claim that holds the person's session version at sign-in (users.session_version). */
export const SESSION_VERSION_CLAIM = 'sv';

/** The user id a decoded session token names, or null when it names none. */
export function sessionUserId(claims: Readonly<Record<string, unknown>> | null | undefined): number | null {
  const id = Number(claims?.[SESSION_USER_CLAIM]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The session version a decoded token carries, or null (a token from before versions, or none). */
export function sessionVersionOf(claims: Readonly<Record<string, unknown>> | null | undefined): number | null {
  const version = claims?.[SESSION_VERSION_CLAIM];
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : null;
}
