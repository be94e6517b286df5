'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createAccountAction, inviteMemberAction, type AdminActionState } from '@/app/admin/actions';
import { useUsernameCheck } from '../use-username-check';
import { UsernameVerdict } from '../username-verdict';
import { SetupLinkNotice } from './setup-link-notice';
import { useClearedOnSuccess } from './use-cleared-on-success';

const idle: AdminActionState = { status: 'idle', message: null };

function Outcome({ state }: { state: AdminActionState }) {
  return (
    <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
      {state.message}
    </p>
  );
}

function CompanyUsernameField({ companyId, id, required, value, onChange, saved }: {
  companyId: number;
  id: string;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
  saved: AdminActionState;
}) {
  const t = useTranslations('Admin');
  const live = useUsernameCheck(value, { profile: 'company', companyId });
  const error = saved.status === 'error' && saved.value === value ? saved.fieldErrors?.companyUsername?.[0] : undefined;
  const verdict = error ? { state: 'invalid' as const, message: error, suggestions: [], usable: false } : live;
  return (
    <div className="field">
      <label htmlFor={id}>{required ? t('companyUsername') : t('companyUsernameOptional')}</label>
      <input
        id={id}
        name="companyUsername"
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-verdict`}
        aria-invalid={verdict.usable === false ? true : undefined}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required={required}
        dir="auto"
      />
      <UsernameVerdict id={`${id}-verdict`} verdict={verdict} onPick={onChange} />
    </div>
  );
}

function RoleSelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const t = useTranslations('Admin');
  return (
    <div className="field">
      <label htmlFor={id}>{t('role')}</label>
      <select id={id} name="role" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="member">{t('roleName', { role: 'member' })}</option>
        <option value="admin">{t('roleName', { role: 'admin' })}</option>
      </select>
    </div>
  );
}

/**
 * Invite someone who has an account already, by their global username. They are asked, not added:
 * they become a member (with the company username offered, if it is still free) when they accept on
 * their account page.
 */
export function InviteMemberForm({ companyId }: { companyId: number }) {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(inviteMemberAction, idle);
  const [companyUsername, setCompanyUsername] = useClearedOnSuccess(state);
  const [username, setUsername] = useClearedOnSuccess(state);
  const [role, setRole] = useClearedOnSuccess(state, 'member');
  const prefix = `invite-${companyId}`;
  return (
    <form action={action} className="admin-form" aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('inviteTitle')}</h4>
      <input type="hidden" name="companyId" value={companyId} />
      <div className="field">
        <label htmlFor={`${prefix}-username`}>{t('globalUsername')}</label>
        <input
          id={`${prefix}-username`}
          name="username"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <RoleSelect id={`${prefix}-role`} value={role} onChange={setRole} />
      <CompanyUsernameField
        companyId={companyId}
        id={`${prefix}-cu`}
        required={false}
        value={companyUsername}
        onChange={setCompanyUsername}
        saved={state}
      />
      <p className="hint muted">{t('inviteHint')}</p>
      <button type="submit" className="button" disabled={pending}>
        {t('invite')}
      </button>
      <Outcome state={state} />
    </form>
  );
}

/**
 * A new account that exists only in this company: a company username, no password. The person sets
 * their own password with the one-time setup link shown after creating it.
 */
export function CreateAccountForm({ companyId }: { companyId: number }) {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(createAccountAction, idle);
  const [companyUsername, setCompanyUsername] = useClearedOnSuccess(state);
  const [role, setRole] = useClearedOnSuccess(state, 'member');
  const prefix = `create-account-${companyId}`;
  return (
    <form action={action} className="admin-form" aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('newAccountTitle')}</h4>
      <input type="hidden" name="companyId" value={companyId} />
      <CompanyUsernameField
        companyId={companyId}
        id={`${prefix}-cu`}
        required
        value={companyUsername}
        onChange={setCompanyUsername}
        saved={state}
      />
      <RoleSelect id={`${prefix}-role`} value={role} onChange={setRole} />
      <p className="hint muted">{t('newAccountHint')}</p>
      <button type="submit" className="button" disabled={pending}>
        {t('createAccount')}
      </button>
      <Outcome state={state} />
      {state.status === 'success' && state.setupLink ? <SetupLinkNotice link={state.setupLink} /> : null}
    </form>
  );
}
