'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState } from 'react';
import {
  changeRoleAction,
  removeMemberAction,
  reissueSetupLinkAction,
  saveCompanyUsernameAction,
  type AdminActionState,
} from '@/app/admin/actions';
import type { MemberRow as MemberRecord } from '@/lib/companies/members';
import type { Role } from '@/lib/companies/roles';
import { usernameCheckKeys } from '@/lib/query-options/username-check';
import { approximateCanonicalUsername } from '@/lib/usernames/rules';
import { useUsernameCheck, type Verdict } from '../use-username-check';
import { UsernameVerdict } from '../username-verdict';
import { SetupLinkNotice } from './setup-link-notice';

/** A member as the row shows it: the lib's own shape. */
export type MemberRowData = MemberRecord;

const idle: AdminActionState = { status: 'idle', message: null };

/** How the screen names a member: the global username, or the account number for company-only accounts. */
export function memberName(member: Pick<MemberRowData, 'userId' | 'username'>, t: (key: 'userNumber', values: { id: number }) => string): string {
  return member.username ?? t('userNumber', { id: member.userId });
}

/**
 * The verdict a row shows: the save's answer while it is about this value, else the live check. A name
 * held for the company for this very member (`ownHeld`) is theirs to take back: the check, asked by the
 * admin, says `held`, but the save will give it to them.
 */
function rowVerdict(
  live: Verdict,
  value: string,
  current: string | null,
  saved: AdminActionState,
  name: string,
  ownHeld: readonly string[],
  t: ReturnType<typeof useTranslations<'Admin'>>,
): Verdict {
  const quiet = { suggestions: [], usable: null };
  if (saved.status !== 'idle' && saved.value === value && saved.message) {
    if (saved.status === 'success') return { ...quiet, state: 'own_username', message: saved.message, usable: true };
    return { ...quiet, state: saved.reason ?? 'invalid', message: saved.message, usable: false };
  }
  if (value === '') {
    return { ...quiet, state: 'empty', message: current === null ? t('noCompanyUsername') : t('saveToRemove') };
  }
  // Untouched: nothing to say. Typed again in another case or width: it is still theirs.
  if (value === current) return { ...quiet, state: 'empty', message: '' };
  if (live.state === 'own_username') return { ...live, message: t('currentCompanyUsername', { name }) };
  if (live.state === 'held' && ownHeld.some((held) => approximateCanonicalUsername(held) === approximateCanonicalUsername(value))) {
    return { ...quiet, state: 'own_username', message: t('held.theirs', { name }), usable: true };
  }
  return live;
}

export function MemberRow({ companyId, member, ownHeld = [] }: { companyId: number; member: MemberRowData; ownHeld?: readonly string[] }) {
  const t = useTranslations('Admin');
  const name = memberName(member, t);
  const fieldId = `company-username-${companyId}-${member.userId}`;
  const verdictId = `${fieldId}-verdict`;
  const current = member.companyUsername;
  const [value, setValue] = useState(current ?? '');
  const unchanged = current !== null && value !== '' && approximateCanonicalUsername(value) === approximateCanonicalUsername(current);
  const live = useUsernameCheck(value, { profile: 'company', companyId }, { unchanged });
  const [saved, save, saving] = useActionState(saveCompanyUsernameAction, idle);
  const [roleState, changeRole, changingRole] = useActionState(changeRoleAction, idle);
  const [removed, remove, removing] = useActionState(removeMemberAction, idle);
  const [reissued, reissue, reissuing] = useActionState(reissueSetupLinkAction, idle);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    // A saved name is no longer free: forget the cached "available" answers of this company.
    if (saved.status === 'success') void queryClient.invalidateQueries({ queryKey: usernameCheckKeys.company(companyId) });
  }, [saved, companyId, queryClient]);

  const verdict = rowVerdict(live, value, current, saved, name, ownHeld, t);
  const blocked = value !== '' && verdict.usable === false && !(saved.value === value && saved.status === 'error');
  const rowMessage = [roleState, removed, reissued].find((s) => s.status === 'error')?.message ?? null;
  const other: Role = member.role === 'admin' ? 'member' : 'admin';

  return (
    <tr data-testid={`member-${member.userId}`}>
      <td data-label={t('globalUsername')}>
        {member.username !== null ? <bdi>{member.username}</bdi> : <span className="muted">{t('noneCompanyAccount')}</span>}
        {!member.hasPassword ? <span className="admin-badge">{t('noPasswordYet')}</span> : null}
      </td>
      <td data-label={t('role')} data-col="role">
        {t('roleName', { role: member.role })}
      </td>
      <td data-label={t('companyUsername')} className="admin-cu-cell">
        <form action={save} className="admin-cu-form">
          <input type="hidden" name="companyId" value={companyId} />
          <input type="hidden" name="userId" value={member.userId} />
          <label htmlFor={fieldId} className="sr-only">
            {t('companyUsernameFor', { name })}
          </label>
          <div className="admin-cu-line">
            <input
              id={fieldId}
              name="companyUsername"
              type="text"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-describedby={verdictId}
              aria-invalid={verdict.usable === false ? true : undefined}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              dir="auto"
            />
            <button type="submit" className="button small" disabled={saving || blocked}>
              {t('save')}
            </button>
          </div>
          <UsernameVerdict id={verdictId} verdict={verdict} onPick={setValue} />
        </form>
      </td>
      <td data-label={t('actions')} data-col="actions" className="admin-actions-cell">
        <div className="admin-row-actions">
          <form action={changeRole}>
            <input type="hidden" name="companyId" value={companyId} />
            <input type="hidden" name="userId" value={member.userId} />
            <input type="hidden" name="role" value={other} />
            <button type="submit" className="button secondary small" disabled={changingRole}>
              {t('makeRole', { role: other })}
              <span className="sr-only"> ({name})</span>
            </button>
          </form>
          {/* Only a company-only account gets a setup link from its admin (lib/accounts/setup-links.ts decides). */}
          {!member.hasPassword && member.username === null && member.companyUsername !== null ? (
            <form action={reissue}>
              <input type="hidden" name="companyId" value={companyId} />
              <input type="hidden" name="userId" value={member.userId} />
              <button type="submit" className="button secondary small" disabled={reissuing}>
                {t('newSetupLink')}
                <span className="sr-only"> ({name})</span>
              </button>
            </form>
          ) : null}
          {confirmRemove ? (
            <form action={remove}>
              <input type="hidden" name="companyId" value={companyId} />
              <input type="hidden" name="userId" value={member.userId} />
              <button type="submit" className="button small admin-danger" disabled={removing}>
                {t('confirmRemoval')}
                <span className="sr-only"> ({name})</span>
              </button>
              <button type="button" className="button secondary small" onClick={() => setConfirmRemove(false)}>
                {t('keep')}
                <span className="sr-only"> ({name})</span>
              </button>
            </form>
          ) : (
            <button type="button" className="button secondary small" onClick={() => setConfirmRemove(true)}>
              {t('remove')}
              <span className="sr-only"> ({name})</span>
            </button>
          )}
        </div>
        <p className="admin-row-message" aria-live="polite">
          {rowMessage}
        </p>
        {reissued.status === 'success' && reissued.setupLink ? <SetupLinkNotice link={reissued.setupLink} /> : null}
      </td>
    </tr>
  );
}
