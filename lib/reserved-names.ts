// Platform admins' reserved-name rules for global usernames: the /admin "Reserved names" section
// and `cli reserved add|list|remove`. The rule itself (what a rule catches: the similarity key of a
// name, equal to or starting with the rule's) is lib/usernames/reserved.ts; this module decides what
// rules may be set, and who may set them.
//
// What a rule may be: its name must itself be a valid global username by the format rules (3 to 30
// characters, one script, separators only inside), for `exact` and `prefix` alike. A prefix is so
// at least 3 characters long and never empty (an empty key would reserve every name), and it cannot
// end in a separator: `staff` already catches `staff-x`, `staff.x` and `staffing`.
//
// Rules count at once: every global check reads reserved_rules (db/queries/names.ts, never cached).
// They leave existing accounts alone: an account keeps its name (to its owner the check says
// `own_username`, which comes before `reserved`), and only new names, renames and registrations
// are refused.
import { deleteReservedRule, insertReservedRule, listReservedRuleRecords, type ReservedRuleRecord } from '@/db/queries/reserved-rules';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { authorizePlatformAdmin, type Acting } from '@/lib/companies/access';
import { HttpError } from '@/lib/http/problem';
import { english, translate } from '@/lib/i18n/translate';
import { reservedRule, USERNAME_LENGTH, validateUsername } from '@/lib/usernames';

export const RESERVED_MATCHES = ['exact', 'prefix'] as const;
export type ReservedMatch = (typeof RESERVED_MATCHES)[number];

/** A rule as /admin lists it and the CLI prints it. */
export interface ReservedRuleView {
  id: number;
  name: string;
  match: ReservedMatch;
}

/** Input longer than this is refused before any Unicode work (a name is at most 30 code points). */
const MAX_INPUT_LENGTH = USERNAME_LENGTH.global.max * 4;

const toView = (r: ReservedRuleRecord): ReservedRuleView => ({ id: r.id, name: r.value, match: r.kind });

function isMatch(value: unknown): value is ReservedMatch {
  return typeof value === 'string' && (RESERVED_MATCHES as readonly string[]).includes(value);
}

/** The rule to store for "reserve `name`, matched `match`", or a 400 naming the field. */
function ruleToAdd(name: string, match: unknown): { kind: ReservedMatch; value: string; key: string } {
  if (!isMatch(match)) {
    const message = english('AdminActions.reservedMatchInvalid');
    throw new HttpError('validation_error', message, { errors: { match: [message] }, messageRef: { key: 'AdminActions.reservedMatchInvalid' } });
  }
  const refuse = (ref: { key: string; params?: Record<string, string | number> }): never => {
    const why = translate(ref);
    throw new HttpError('validation_error', english('AdminActions.reservedNameInvalid', { name, why }), { errors: { name: [why] }, messageRef: ref });
  };
  if (name.length > MAX_INPUT_LENGTH) refuse({ key: 'username.invalid.too_long', params: { max: USERNAME_LENGTH.global.max } });
  const validation = validateUsername(name, 'global');
  if (!validation.ok) refuse(validation.errors[0] ?? { key: 'username.invalid.generic' });
  const { key } = reservedRule(match, name);
  // Cannot happen for a valid name; an empty key would reserve every name, so it is never stored.
  if (key === '') refuse({ key: 'username.invalid.generic' });
  return { kind: match, value: name, key };
}

/** Who may change the rules: a platform admin (authorized inside the transaction), or an operator (the CLI). */
type Authority = () => Promise<Actor>;

const asAdmin = (acting: Acting | null): Authority => async () => (await authorizePlatformAdmin(acting)).audit;
const asOperator = (actor: Actor): Authority => () => Promise.resolve(actor);

async function add(authorize: Authority, name: string, match: unknown): Promise<ReservedRuleView> {
  return writeTransaction(async () => {
    const actor = await authorize();
    const rule = ruleToAdd(name, match);
    const stored = await insertReservedRule({ ...rule, createdBy: actor.userId });
    if (!stored) {
      const ref = { key: 'AdminActions.alreadyReserved', params: { name, match: rule.kind } };
      throw new HttpError('conflict', translate(ref), { errors: { name: [translate(ref)] }, messageRef: ref });
    }
    await recordAudit(actor, { action: 'reserved.add', target: stored.value, details: { id: stored.id, match: stored.kind } });
    return toView(stored);
  });
}

async function list(authorize: Authority): Promise<ReservedRuleView[]> {
  await authorize();
  return (await listReservedRuleRecords()).map(toView);
}

async function remove(authorize: Authority, id: number): Promise<ReservedRuleView> {
  return writeTransaction(async () => {
    const actor = await authorize();
    const gone = Number.isSafeInteger(id) && id >= 1 ? await deleteReservedRule(id) : null;
    if (!gone) {
      const ref = { key: 'AdminActions.noSuchReservedRule', params: { id: String(id) } };
      throw new HttpError('not_found', translate(ref), { messageRef: ref });
    }
    await recordAudit(actor, { action: 'reserved.remove', target: gone.value, details: { id: gone.id, match: gone.kind } });
    return toView(gone);
  });
}

/** /admin: a platform admin reserves a name (exact) or every name that starts with it (prefix); a 404 for anyone else. */
export function addReservedRule(acting: Acting | null, name: string, match: unknown): Promise<ReservedRuleView> {
  return add(asAdmin(acting), name, match);
}

/** /admin: the rules, oldest first; a 404 for anyone but a platform admin. */
export function listReservedRules(acting: Acting | null): Promise<ReservedRuleView[]> {
  return list(asAdmin(acting));
}

/** /admin: a platform admin removes a rule; names it caught are free again at once. */
export function removeReservedRule(acting: Acting | null, id: number): Promise<ReservedRuleView> {
  return remove(asAdmin(acting), id);
}

/** `cli reserved add`. */
export function addReservedRuleAsOperator(name: string, match: unknown, actor: Actor): Promise<ReservedRuleView> {
  return add(asOperator(actor), name, match);
}

/** `cli reserved list`. */
export function listReservedRulesAsOperator(actor: Actor): Promise<ReservedRuleView[]> {
  return list(asOperator(actor));
}

/** `cli reserved remove`. */
export function removeReservedRuleAsOperator(id: number, actor: Actor): Promise<ReservedRuleView> {
  return remove(asOperator(actor), id);
}
