// What the token screen's browser code shares with the server: no database, no Node APIs.

/** A token's name (what uses it): 1 to this many characters, once trimmed. */
export const TOKEN_NAME_MAX = 100;

/** The longest a token may live: ten years. */
export const TOKEN_EXPIRY_MAX_DAYS = 3650;

/** The expiry choices on /admin, in days; the form's first choice is "never". */
export const TOKEN_EXPIRY_CHOICES = [30, 90, 365] as const;
