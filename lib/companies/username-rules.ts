// A company's own username rules: reading them for the checks, and setting them (the /admin
// "Username rules" section and `cli company policy`). The rule itself, what a name may not do, is
// lib/usernames/company-rules.ts; this module decides what rules a company may set.
//
// A pattern must never stall a check: it is refused when it is set if redos-detector finds that it
// can backtrack super-linearly (or cannot finish the analysis within its bounds), so every stored
// pattern runs in time linear in the name. The analysis runs on the pattern exactly as the checks
// run it: anchored around a group, with the `u` flag.
import { translate } from '@/lib/i18n/translate';
import { findCompanyRules, saveCompanyRules } from '@/db/queries/company-username-rules';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { findCompanyById } from '@/db/queries/companies';
import { HttpError } from '@/lib/http/problem';
import {
  COMPANY_RULE_LENGTH,
  fullMatchPattern,
  NO_COMPANY_RULES,
  validateUsername,
  type CompanyUsernameRules,
} from '@/lib/usernames';

/** The longest pattern a company may set, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 200;
/** How many names a company may reserve. */
export const MAX_RESERVED_NAMES = 500;

// redos-detector's bounds: refusing `^(a|a)*$` takes it about 0.25 s at 2000 steps (its default of
// 20000 takes 4.6 s); every realistic naming scheme we tried (employee ids, e-mail-like names,
// \p{L}+ words) is decided in a few steps. Running out of either bound refuses the pattern.
const ANALYSIS_MAX_STEPS = 2000;
const ANALYSIS_TIMEOUT_MS = 1000;

/** The company's rules as the admin screen and the CLI show them. */
export interface CompanyRulesView {
  companyId: number;
  minLength: number;
  maxLength: number;
  pattern: string | null;
  reserved: string[];
}

/** What an admin or operator asks to change; a field left out keeps its current value. */
export interface CompanyRulesChange {
  minLength?: number;
  maxLength?: number;
  /** '' or null: no pattern */
  pattern?: string | null;
  reserved?: string[];
}

/**
 * Why a pattern cannot be set, or null when it can. The analyser is loaded on first use (about
 * 150 ms): the checks, which only read the rules, never load it.
 */
export async function patternProblem(pattern: string): Promise<string | null> {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `The pattern is ${pattern.length} characters long; use at most ${MAX_PATTERN_LENGTH}.`;
  }
  let anchored: RegExp;
  try {
    anchored = fullMatchPattern(pattern);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.replace(/^Invalid regular expression: /, '') : 'it does not compile';
    return `The pattern is not a valid regular expression (u flag): ${detail}.`;
  }
  const { isSafePattern } = await import('redos-detector');
  let safe = false;
  try {
    safe = isSafePattern(anchored.source, { unicode: true, maxSteps: ANALYSIS_MAX_STEPS, timeout: ANALYSIS_TIMEOUT_MS }).safe;
  } catch {
    safe = false; // syntax the analyser does not know: it cannot vouch for it
  }
  if (!safe) {
    return 'The pattern could take more than linear time on some names (nested or overlapping repetition, such as (a|a)* or (a+)+). Write it so that each character can match in only one way.';
  }
  return null;
}

/** The rules the checks apply, from the rules as stored (null: none set). */
export function toRules(stored: Awaited<ReturnType<typeof findCompanyRules>>): CompanyUsernameRules {
  if (!stored) return NO_COMPANY_RULES;
  return { minLength: stored.minLength, maxLength: stored.maxLength, pattern: stored.pattern, reserved: stored.reservedCanonicals };
}

/**
 * The rules the checks apply to company `companyId`'s usernames: asked once per request (the bulk
 * check asks once for all its names); the database layer keeps them only while nothing has been
 * written, so a change counts on the next request.
 */
export async function companyUsernameRules(companyId: number): Promise<CompanyUsernameRules> {
  return toRules(await findCompanyRules(companyId));
}

function view(companyId: number, stored: Awaited<ReturnType<typeof findCompanyRules>>): CompanyRulesView {
  return {
    companyId,
    minLength: stored?.minLength ?? NO_COMPANY_RULES.minLength,
    maxLength: stored?.maxLength ?? NO_COMPANY_RULES.maxLength,
    pattern: stored?.pattern ?? null,
    reserved: stored?.reserved.map((r) => r.name) ?? [],
  };
}

/** The company's rules for the admin screen; a 404 for anyone who may not administer it. */
export async function viewCompanyUsernameRules(acting: Acting | null, companyId: number): Promise<CompanyRulesView> {
  await authorizeCompanyAdmin(acting, companyId);
  return view(companyId, await findCompanyRules(companyId));
}

function lengthProblem(value: number): string | null {
  const { min, max } = COMPANY_RULE_LENGTH;
  return Number.isInteger(value) && value >= min && value <= max ? null : `Use a whole number from ${min} to ${max}.`;
}

/**
 * The new rules, with every refusal named by its field; a 400 listing them when any. `patternVerdict`
 * is `patternProblem(change.pattern)`, decided before the write transaction.
 */
function resolveChange(current: CompanyRulesView, change: CompanyRulesChange, patternVerdict: string | null): { view: CompanyRulesView; reserved: { name: string; canonical: string }[] } {
  const errors: Record<string, string[]> = {};
  const minLength = change.minLength ?? current.minLength;
  const maxLength = change.maxLength ?? current.maxLength;
  const minProblem = lengthProblem(minLength);
  const maxProblem = lengthProblem(maxLength);
  if (minProblem) errors.minLength = [minProblem];
  if (maxProblem) errors.maxLength = [maxProblem];
  if (!minProblem && !maxProblem && minLength > maxLength) {
    errors.minLength = [`The minimum (${minLength}) is more than the maximum (${maxLength}).`];
  }
  const pattern = change.pattern === undefined ? current.pattern : change.pattern === '' ? null : change.pattern;
  if (pattern !== null && change.pattern !== undefined && patternVerdict !== null) errors.pattern = [patternVerdict];
  const names = change.reserved ?? current.reserved;
  const reserved: { name: string; canonical: string }[] = [];
  const seen = new Set<string>();
  if (names.length > MAX_RESERVED_NAMES) {
    errors.reserved = [`Reserve at most ${MAX_RESERVED_NAMES} names; this list has ${names.length}.`];
  } else {
    const problems: string[] = [];
    for (const name of names) {
      const validation = validateUsername(name, 'company');
      if (!validation.ok) {
        problems.push(`"${name}" cannot be a company username: ${validation.errors[0] ? translate(validation.errors[0]) : 'it breaks the rules.'}`);
        continue;
      }
      if (seen.has(validation.canonical)) continue; // the same name twice, in any case or width
      seen.add(validation.canonical);
      reserved.push({ name, canonical: validation.canonical });
    }
    if (problems.length > 0) errors.reserved = problems.slice(0, 5);
  }
  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const first = errors[fields[0]!]![0]!;
    throw new HttpError('validation_error', first, { errors });
  }
  return { view: { companyId: current.companyId, minLength, maxLength, pattern, reserved: reserved.map((r) => r.name) }, reserved };
}

/** The pattern's verdict, decided before a transaction: the analysis may take up to a second, too long to hold the write lock. */
async function patternVerdictOf(change: CompanyRulesChange): Promise<string | null> {
  return typeof change.pattern === 'string' && change.pattern !== '' ? patternProblem(change.pattern) : null;
}

async function apply(companyId: number, change: CompanyRulesChange, patternVerdict: string | null, actor: Actor): Promise<CompanyRulesView> {
  const current = view(companyId, await findCompanyRules(companyId));
  const next = resolveChange(current, change, patternVerdict);
  await saveCompanyRules(companyId, { minLength: next.view.minLength, maxLength: next.view.maxLength, pattern: next.view.pattern, reserved: next.reserved });
  await recordAudit(actor, {
    action: 'company.username_rules',
    companyId,
    details: { from: { ...current, companyId: undefined }, to: { ...next.view, companyId: undefined } },
  });
  return next.view;
}

/** The /admin "Username rules" form: authorized and applied in one transaction, audited. */
export async function setCompanyUsernameRules(acting: Acting | null, companyId: number, change: CompanyRulesChange): Promise<CompanyRulesView> {
  await authorizeCompanyAdmin(acting, companyId); // before any work on the pattern; again inside the transaction
  const patternVerdict = await patternVerdictOf(change);
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    return apply(companyId, change, patternVerdict, access.audit);
  });
}

/** `cli company policy`: an operator sets the rules directly. */
export async function setCompanyUsernameRulesAsOperator(companyId: number, change: CompanyRulesChange, actor: Actor): Promise<CompanyRulesView> {
  if (!(await findCompanyById(companyId))) throw new HttpError('not_found', `There is no company with id ${companyId}.`);
  const patternVerdict = await patternVerdictOf(change);
  return writeTransaction(() => apply(companyId, change, patternVerdict, actor));
}
