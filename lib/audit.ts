// The audit log of admin actions: written inside the transaction that makes the change, and read
// back, in words, on the company's admin page.
import { insertAuditEntry, listCompanyAuditEntries } from '@/db/queries/audit';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { describeImportResult } from '@/lib/companies/import/format';

export interface Actor {
  /** null for the CLI, an operator on the machine */
  userId: number | null;
  label: string;
}

export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };

/** Records an admin action; call inside the transaction that makes the change. */
export async function recordAudit(
  actor: Actor,
  entry: { action: string; companyId?: number | null; target?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await insertAuditEntry({
    actorUserId: actor.userId,
    actor: actor.label,
    companyId: entry.companyId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? null,
  });
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  /** What happened, in words, without the actor: "made jane an admin". */
  summary: string;
}

type Details = Record<string, unknown> | null;

const quoted = (value: unknown) => (value === null || value === undefined ? 'none' : `"${String(value)}"`);

/** One line per kind of admin action; an unknown action still reads as its code and target. */
export function describeAudit(action: string, target: string | null, details: Details): string {
  const d = details ?? {};
  const who = target ?? 'someone';
  switch (action) {
    case 'company.create':
      return `created the company (slug ${target ?? '?'})`;
    case 'member.add':
      return `added ${who} as ${d.role === 'admin' ? 'an admin' : 'a member'}${d.companyUsername ? ` with company username ${quoted(d.companyUsername)}` : ''}`;
    case 'member.create':
      return `created a company account ${quoted(target)} (${d.role === 'admin' ? 'admin' : 'member'}) with a setup link`;
    case 'member.company_username.set':
      return `changed ${who}'s company username from ${quoted(d.from)} to ${quoted(d.to)}`;
    case 'member.company_username.remove':
      return `removed ${who}'s company username ${quoted(d.from)}`;
    case 'member.company_username.release':
      return `released the held company username ${quoted(target)}`;
    case 'member.role':
      return `made ${who} ${d.to === 'admin' ? 'an admin' : 'a member'}`;
    case 'member.remove':
      return `removed ${who} from the company${d.accountDeleted ? ' (and the company-only account)' : ''}`;
    case 'invitation.create':
      return `invited ${who} to join as ${d.role === 'admin' ? 'an admin' : 'a member'}${d.companyUsername ? `, offering company username ${quoted(d.companyUsername)}` : ''}`;
    case 'invitation.withdraw':
      return `withdrew the invitation of ${who}`;
    case 'invitation.accept':
      if (d.alreadyMember) return 'accepted an invitation (already a member)';
      return `accepted the invitation and joined as ${d.role === 'admin' ? 'an admin' : 'a member'}${
        d.companyUsername ? ` with company username ${quoted(d.companyUsername)}` : ''
      }${d.notGiven ? ` (company username ${quoted(d.notGiven)} could not be given: it was taken or no longer allowed)` : ''}`;
    case 'invitation.decline':
      return 'declined the invitation to join';
    case 'member.setup_link':
      return `issued a new setup link for ${who}`;
    case 'user.setup':
      return 'set their password with a setup link';
    case 'company.username_rules': {
      const to = (d.to ?? {}) as { minLength?: number; maxLength?: number; pattern?: string | null; reserved?: unknown[] };
      const reserved = Array.isArray(to.reserved) ? to.reserved.length : 0;
      return `set the username rules: ${to.minLength ?? '?'} to ${to.maxLength ?? '?'} characters, ${
        to.pattern ? `pattern ${quoted(to.pattern)}` : 'no pattern'
      }, ${reserved} reserved name${reserved === 1 ? '' : 's'}`;
    }
    case 'company.branding': {
      const parts: string[] = [];
      if ('displayName' in d) parts.push(d.displayName ? `display name ${quoted(d.displayName)}` : 'no display name');
      if ('accentColor' in d) parts.push(d.accentColor ? `accent colour ${String(d.accentColor)}` : 'no accent colour');
      if ('logo' in d) {
        const logo = d.logo as { type?: string; bytes?: number } | null;
        parts.push(logo ? `a new logo (${logo.type ?? '?'}, ${Math.ceil(Number(logo.bytes ?? 0) / 1024)} KiB)` : 'no logo');
      }
      return `changed the login page: ${parts.join(', ') || 'nothing'}`;
    }
    case 'token.create':
      return `created API token ${target ?? ''}${d.name ? ` "${String(d.name)}"` : ''}`;
    case 'token.revoke':
      return `revoked API token ${target ?? ''}`;
    case 'reserved.add':
      return `reserved the global username ${quoted(target)}${d.match === 'prefix' ? ' and every name that starts with it' : ''}`;
    case 'reserved.remove':
      return `removed the reserved-name rule ${quoted(target)} (${d.match === 'prefix' ? 'prefix' : 'exact'})`;
    case 'import.apply':
      return `imported a CSV file: ${describeImportResult({
        created: Number(d.created ?? 0),
        invited: Number(d.invited ?? 0),
        added: Number(d.added ?? 0),
        updated: Number(d.updated ?? 0),
        skipped: Number(d.skipped ?? 0),
      })}`;
    default:
      return `${action}${target ? ` ${target}` : ''}`;
  }
}

/** The company's most recent admin actions: who, what, when. */
export async function listCompanyAudit(acting: Acting | null, companyId: number, limit = 20): Promise<AuditRow[]> {
  await authorizeCompanyAdmin(acting, companyId);
  return (await listCompanyAuditEntries(companyId, Math.min(Math.max(limit, 1), 200))).map((e) => ({
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    summary: describeAudit(e.action, e.target, e.details ?? null),
  }));
}
