// What the token screen's browser code shares with the server: no database, no Node APIs.

/** A token's name (what uses it): 1 to this many characters, once trimmed. */
export const TOKEN_NAME_MAX = 100;
