// The contract between the username policy (pure, in lib/usernames) and whoever stores names
// (lib/username-store.ts over SQLite, or an in-memory store in tests).

export type Profile = 'global' | 'company';

export type Reason = 'available' | 'own_username' | 'taken' | 'held' | 'similar' | 'reserved' | 'invalid';

/**
 * A message the policy means, not its words: a stable catalogue key (`username.invalid.too_short`)
 * and the ICU arguments it needs (`{min: 3}`). The edges (pages, actions, the API) put it into the
 * reader's language with lib/i18n; the policy itself holds no text in any language.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

/** One broken rule: a stable code for programs and the message that says how to fix it. */
export interface RuleViolation extends MessageRef {
  code: string;
}

export type Validation =
  | { ok: true; canonical: string }
  | { ok: false; errors: RuleViolation[] };

export interface Availability {
  available: boolean;
  reason: Reason;
  /** what to tell the person: the first broken rule's message, or the verdict's */
  message: MessageRef;
  suggestions: string[];
  /** The company rule the name breaks (company names checked with the company's own rules). */
  rule?: CompanyRuleViolation;
}

/** A candidate name in the forms the store compares. `key` is null for company names. */
export interface StoredForms {
  canonical: string;
  key: string | null;
}

export interface ReservedRule {
  /** `exact`: the name itself; `prefix`: every name whose key starts with the rule's */
  kind: 'exact' | 'prefix';
  /** similarity key of the reserved value */
  key: string;
}

/**
 * What the policy needs to know about names already in use, for one namespace: the global users,
 * or one company's usernames (the store is scoped to that company).
 */
/** A value, or a promise of it: a store over a database answers later, one in memory at once. */
export type Awaitable<T> = T | Promise<T>;

/** A name given up by its owner and held (not expired): until when, and for whom (null: nobody). */
export interface Hold {
  until: Date;
  forUserId: number | null;
}

/**
 * What the store holds for a name's forms. A held name counts as in use (it blocks the canonical
 * form and, for global names, the similarity key); `hold` says that the matching name is held rather
 * than in use. A hold past its time is not there at all.
 */
export interface NameMatch {
  canonicalTaken: boolean;
  similarTaken: boolean;
  hold?: Hold | null;
}

export interface NameStore {
  /**
   * Is this canonical form in use or held; (global) is this similarity key? One indexed lookup each.
   * `likelyFree`, when given, names the candidates that `free` will probably be asked about next (the
   * first suggestions): a store whose every question is a round trip (PostgreSQL) may ask about them
   * in the same statement and answer `free` from that, within this one store (one check); one whose
   * questions are cheap (SQLite) ignores it, so the function is called only when used.
   */
  find(forms: StoredForms, likelyFree?: () => readonly StoredForms[]): Awaitable<NameMatch>;
  /** The canonical forms of the candidates whose canonical form and key are neither used nor held (one index probe each). */
  free(candidates: readonly StoredForms[]): Awaitable<Set<string>>;
  /** Admin-managed reserved rules (global namespace only; a company store returns []). */
  reservedRules(): Awaitable<readonly ReservedRule[]>;
}

/** Of many forms: the canonical forms and keys used or held, and the holds among them (by canonical form). */
export interface NamesInUse {
  canonicals: ReadonlySet<string>;
  keys: ReadonlySet<string>;
  holds?: ReadonlyMap<string, Hold>;
}

/**
 * What a check of many names asks of the names in use: one question for any number of names, so
 * that a request of a thousand names costs as many queries as a request of one.
 */
export interface NameSetStore {
  /** Of these forms, the canonical forms in use and (global names) the similarity keys in use. */
  inUse(forms: readonly StoredForms[]): Awaitable<NamesInUse>;
  /** Admin-managed reserved rules (global namespace only; a company store returns []). */
  reservedRules(): Awaitable<readonly ReservedRule[]>;
}

/** A verdict in a check of many names: the one-name check's, or a repeat of an earlier input. */
export type ManyAvailability =
  | (Availability & { repeats?: undefined })
  | { available: false; reason: 'duplicate_in_request'; message: MessageRef; suggestions: string[]; repeats: string };

/** The signed-in caller, when there is one: their own name is theirs to keep. */
export interface Viewer {
  canonical: string;
  key: string | null;
  /** the caller's account: a name held for it (one they gave up) is theirs to take back */
  userId?: number;
}

/** A company's own rules, on top of the company profile's (lib/usernames/company-rules.ts applies them). */
export interface CompanyUsernameRules {
  /** in code points of the canonical form, like the profile's own length rule */
  minLength: number;
  maxLength: number;
  /** a JavaScript regular expression (`u` flag) that the whole name as sent must match; null: none */
  pattern: string | null;
  /** canonical forms of the names the company keeps for itself */
  reserved: ReadonlySet<string>;
}

/** Which company rule a name breaks, with the rule's parameters, and the message that names it. */
export type CompanyRuleViolation =
  | { code: 'company_too_short'; reason: 'invalid'; params: { min: number }; message: string }
  | { code: 'company_too_long'; reason: 'invalid'; params: { max: number }; message: string }
  | { code: 'company_pattern'; reason: 'invalid'; params: { pattern: string }; message: string }
  | { code: 'company_reserved'; reason: 'reserved'; params: Record<string, never>; message: string };
