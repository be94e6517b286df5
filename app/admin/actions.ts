'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { errorText, serverMessageText } from '@/lib/i18n/server-text';
import { createCompanyWithAdmin } from '@/lib/companies/overview';
import {
  createCompanyAccount,
  memberLabel,
  removeMember,
  setCompanyUsername,
  setMemberRole,
} from '@/lib/companies/members';
import { inviteMember, withdrawInvitation } from '@/lib/companies/invitations';
import { releaseHeldCompanyUsername } from '@/lib/companies/holds';
import { reissueSetupLink } from '@/lib/accounts/setup-links';
import type { SetupLink } from '@/lib/accounts/setup-links';
import { createCompanyToken, revokeCompanyToken, revokePlatformToken, type ExpiryChoice } from '@/lib/api-tokens';
import { TOKEN_EXPIRY_CHOICES } from '@/lib/api-tokens-format';
import { ROLES } from '@/lib/companies/roles';
import { setCompanyUsernameRules } from '@/lib/companies/username-rules';
import { setCompanyBranding, type BrandingChange } from '@/lib/companies/branding';
import { parseId } from '@/lib/http/params';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';
import type { Reason } from '@/lib/usernames/types';
import { sessionActing } from '@/app/(auth)/session';
import { addReservedRule, removeReservedRule } from '@/lib/reserved-names';

// Every action: read the form, take the person from the session, call one lib/ function (which
// authorizes, validates and writes in one transaction), refresh the page, and say what happened.

export interface AdminActionState {
  status: 'idle' | 'success' | 'error';
  message: string | null;
  fieldErrors?: Record<string, string[]>;
  /** The value the answer is about, so a field can tell whether the answer is still current. */
  value?: string;
  /** Why the server refused the value, when it says (`taken` …): the verdict's state, never read from the message. */
  reason?: Reason;
  setupLink?: SetupLink;
  token?: { id: number; token: string; prefix: string; expiresAt: string | null };
}

// The forms' company, user and token ids, by the one id rule (lib/http/params.ts).
const id = z.string().transform((raw, ctx) => {
  const parsed = parseId(raw);
  if (parsed === null) ctx.addIssue({ code: 'custom', message: 'Not an id.' });
  return parsed ?? z.NEVER;
});
const text = (max: number) => z.string().max(max);
const role = z.enum(ROLES);
// The token form's expiry: "never" or one of the offered numbers of days.
const expiryChoice = z.enum(['never', ...TOKEN_EXPIRY_CHOICES.map(String)]).transform((v): ExpiryChoice => (v === 'never' ? null : (Number(v) as ExpiryChoice)));

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The words of an action's answer, in the page's language. */
const said = () => getTranslations('AdminActions');

async function failed(error: unknown, value?: string): Promise<AdminActionState> {
  const t = await said();
  if (error instanceof HttpError) {
    const reason = error.extensions.reason;
    const message = errorText(error, await serverMessageText());
    // A refusal of the company username is shown under its field, in the page's language too.
    const fieldErrors = error.messageRef && error.errors?.companyUsername ? { ...error.errors, companyUsername: [message] } : error.errors;
    return { status: 'error', message, fieldErrors, value, reason: typeof reason === 'string' ? (reason as Reason) : undefined };
  }
  if (error instanceof z.ZodError) {
    return { status: 'error', message: t('incomplete'), value };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 'error', message: t('unavailable'), value };
  }
  console.error('[namecheck] admin action failed', error);
  return { status: 'error', message: t('failed'), value };
}

function refresh(): void {
  revalidatePath('/admin', 'layout');
}

export async function saveCompanyUsernameAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  const value = field(form, 'companyUsername');
  try {
    const acting = await sessionActing();
    const companyId = id.parse(field(form, 'companyId'));
    const userId = id.parse(field(form, 'userId'));
    const member = await setCompanyUsername(acting, companyId, userId, text(1024).parse(value));
    refresh();
    return {
      status: 'success',
      message:
        member.companyUsername === null
          ? (await said())('usernameRemoved', { name: memberLabel(member) })
          : (await said())('usernameSaved', { username: member.companyUsername }),
      value,
    };
  } catch (error) {
    return await failed(error, value);
  }
}

/** `Release` on a held company username: the name is free at once (the row's live checks ask again). */
export async function releaseHeldNameAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const released = await releaseHeldCompanyUsername(acting, id.parse(field(form, 'companyId')), text(1024).parse(field(form, 'companyUsername')));
    refresh();
    return { status: 'success', message: (await said())('released', { username: released.companyUsername }), value: released.companyUsername };
  } catch (error) {
    return await failed(error);
  }
}

export async function changeRoleAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const member = await setMemberRole(acting, id.parse(field(form, 'companyId')), id.parse(field(form, 'userId')), role.parse(field(form, 'role')));
    refresh();
    return { status: 'success', message: (await said())('roleChanged', { name: memberLabel(member), role: member.role }) };
  } catch (error) {
    return await failed(error);
  }
}

export async function removeMemberAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    await removeMember(acting, id.parse(field(form, 'companyId')), id.parse(field(form, 'userId')));
    refresh();
    return { status: 'success', message: (await said())('removed') };
  } catch (error) {
    return await failed(error);
  }
}

/** Invites an existing global user: they become a member only when they accept on /account. */
export async function inviteMemberAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  const value = field(form, 'companyUsername');
  try {
    const acting = await sessionActing();
    const invitation = await inviteMember(acting, id.parse(field(form, 'companyId')), {
      username: text(1024).parse(field(form, 'username')),
      role: role.parse(field(form, 'role') || 'member'),
      companyUsername: text(1024).parse(value) || null,
    });
    refresh();
    return {
      status: 'success',
      message: (await said())('invited', { name: invitation.username ?? '', role: invitation.role }),
      value,
    };
  } catch (error) {
    return await failed(error, value);
  }
}

export async function withdrawInvitationAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const invitation = await withdrawInvitation(acting, id.parse(field(form, 'companyId')), id.parse(field(form, 'invitationId')));
    refresh();
    return { status: 'success', message: (await said())('withdrew', { name: invitation.username ?? '' }) };
  } catch (error) {
    return await failed(error);
  }
}

export async function createAccountAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  const value = field(form, 'companyUsername');
  try {
    const acting = await sessionActing();
    const created = await createCompanyAccount(acting, id.parse(field(form, 'companyId')), {
      companyUsername: text(1024).parse(value),
      role: role.parse(field(form, 'role') || 'member'),
    });
    refresh();
    return { status: 'success', message: (await said())('accountCreated', { username: created.member.companyUsername ?? '' }), setupLink: created.setupLink, value };
  } catch (error) {
    return await failed(error, value);
  }
}

export async function reissueSetupLinkAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const link = await reissueSetupLink(acting, id.parse(field(form, 'companyId')), id.parse(field(form, 'userId')));
    refresh();
    return { status: 'success', message: (await said())('setupLinkReissued'), setupLink: link };
  } catch (error) {
    return await failed(error);
  }
}

export async function createTokenAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const created = await createCompanyToken(
      acting,
      id.parse(field(form, 'companyId')),
      text(1024).parse(field(form, 'name')),
      expiryChoice.parse(field(form, 'expiresInDays') || 'never'),
    );
    refresh();
    return {
      status: 'success',
      message: (await said())('tokenCreated'),
      token: { id: created.id, token: created.token, prefix: created.prefix, expiresAt: created.expiresAt?.toISOString() ?? null },
    };
  } catch (error) {
    return await failed(error);
  }
}

export async function revokeTokenAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    await revokeCompanyToken(acting, id.parse(field(form, 'companyId')), id.parse(field(form, 'tokenId')));
    refresh();
    return { status: 'success', message: (await said())('revoked') };
  } catch (error) {
    return await failed(error);
  }
}

/** A platform admin revokes a platform token (the list on /admin); for anyone else it does not exist. */
export async function revokePlatformTokenAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    await revokePlatformToken(acting, id.parse(field(form, 'tokenId')));
    refresh();
    return { status: 'success', message: (await said())('revoked') };
  } catch (error) {
    return await failed(error);
  }
}

// The rules form's lengths: a whole number as typed, or a refusal naming the field.
function lengthField(form: FormData, name: 'minLength' | 'maxLength'): number {
  const raw = field(form, name).trim();
  if (!/^\d{1,3}$/.test(raw)) {
    throw new HttpError('validation_error', 'Use a whole number from 1 to 64.', { errors: { [name]: ['Use a whole number from 1 to 64.'] } });
  }
  return Number(raw);
}

/** The "Username rules" form: lengths, pattern, reserved names (one per line), saved together. */
export async function saveUsernameRulesAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const companyId = id.parse(field(form, 'companyId'));
    const reserved = text(64_000)
      .parse(field(form, 'reserved'))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const rules = await setCompanyUsernameRules(acting, companyId, {
      minLength: lengthField(form, 'minLength'),
      maxLength: lengthField(form, 'maxLength'),
      pattern: text(1024).parse(field(form, 'pattern')),
      reserved,
    });
    refresh();
    return {
      status: 'success',
      message: (await said())('rulesSaved', {
        min: rules.minLength,
        max: rules.maxLength,
        patternState: rules.pattern === null ? 'none' : 'set',
        pattern: rules.pattern ?? '',
        count: rules.reserved.length,
      }),
    };
  } catch (error) {
    return failed(error);
  }
}

/**
 * The "Login page" form: display name, accent colour, and a new logo (a file chosen) or none (the
 * "Remove the logo" box). The file's bytes decide its type, never its name or declared type. The
 * 1 MiB body limit of server actions (lib/http/body-limits.ts) holds a 256 KiB logo with room to spare.
 */
export async function saveBrandingAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const companyId = id.parse(field(form, 'companyId'));
    const change: BrandingChange = {
      displayName: text(1024).parse(field(form, 'displayName')),
      accentColor: text(64).parse(field(form, 'accentColor')),
    };
    const file = form.get('logo');
    if (field(form, 'removeLogo') === 'on') change.logo = null;
    else if (file instanceof File && file.size > 0) change.logo = new Uint8Array(await file.arrayBuffer());
    const branding = await setCompanyBranding(acting, companyId, change);
    refresh();
    return {
      status: 'success',
      message: (await said())('brandingSaved', {
        nameState: branding.displayName === null ? 'none' : 'set',
        name: branding.displayName ?? '',
        logo: branding.logo ? 'yes' : 'no',
        accentState: branding.accentColor === null ? 'none' : 'set',
        accent: branding.accentColor ?? '',
      }),
    };
  } catch (error) {
    return failed(error);
  }
}

export async function createCompanyAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  let companyId: number;
  try {
    const acting = await sessionActing();
    const company = await createCompanyWithAdmin(acting, {
      name: text(200).parse(field(form, 'name')),
      slug: text(200).parse(field(form, 'slug')),
      adminUsername: text(1024).parse(field(form, 'adminUsername')),
    });
    companyId = company.id;
    refresh();
  } catch (error) {
    return await failed(error);
  }
  redirect(`/admin/companies/${companyId}`);
}

/** A platform admin's "Reserved names" form: a name, matched exactly or as a prefix; for anyone else the feature does not exist. */
export async function addReservedNameAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  const value = field(form, 'name');
  try {
    const acting = await sessionActing();
    const rule = await addReservedRule(acting, text(1024).parse(value), text(16).parse(field(form, 'match')));
    refresh();
    return { status: 'success', message: (await said())('reservedAdded', { name: rule.name, match: rule.match }), value };
  } catch (error) {
    return await failed(error, value);
  }
}

/** A platform admin removes a reserved-name rule: the names it caught are free again at once. */
export async function removeReservedNameAction(_previous: AdminActionState, form: FormData): Promise<AdminActionState> {
  try {
    const acting = await sessionActing();
    const rule = await removeReservedRule(acting, id.parse(field(form, 'ruleId')));
    refresh();
    return { status: 'success', message: (await said())('reservedRemoved', { name: rule.name }) };
  } catch (error) {
    return await failed(error);
  }
}
