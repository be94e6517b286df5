'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { withdrawInvitationAction, type AdminActionState } from '@/app/admin/actions';
import type { CompanyInvitationList } from '@/lib/companies/invitations';
import { formatUtc } from '@/lib/format';

const idle: AdminActionState = { status: 'idle', message: null };

/**
 * A company's pending invitations, each with a `Withdraw` button. One answer region for the list
 * stays in place while a withdrawn row disappears, so the answer is still read out.
 */
export function InvitationsTable({ companyId, companyName, invitations }: { companyId: number; companyName: string; invitations: CompanyInvitationList }) {
  const t = useTranslations('Admin');
  const [state, withdraw, pending] = useActionState(withdrawInvitationAction, idle);
  const { rows, total } = invitations;
  return (
    <div className="admin-invitations">
      <p className="muted">
        {total === 0 ? t('noInvitations') : rows.length < total ? t('invitationsNewest', { count: total, shown: rows.length }) : t('invitationsCount', { count: total })}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="admin-table admin-invitations-table">
            <caption className="sr-only">{t('invitationsTo', { company: companyName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('globalUsername')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('usernameOffered')}</th>
                <th scope="col">{t('invited')}</th>
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invitation) => {
                const name = invitation.username ?? t('userNumber', { id: invitation.userId });
                return (
                  <tr key={invitation.id} data-testid={`invitation-${invitation.id}`}>
                    <td data-label={t('globalUsername')}>
                      <bdi>{name}</bdi>
                    </td>
                    <td data-label={t('role')}>{t('roleName', { role: invitation.role })}</td>
                    <td data-label={t('usernameOffered')}>
                      {invitation.companyUsername !== null ? <code dir="auto">{invitation.companyUsername}</code> : <span className="muted">{t('none')}</span>}
                    </td>
                    <td data-label={t('invited')}>
                      <time dateTime={invitation.createdAt.toISOString()}>{formatUtc(invitation.createdAt)}</time>
                      {invitation.invitedBy ? <> {t.rich('by', { name: invitation.invitedBy, bdi: (chunks) => <bdi>{chunks}</bdi> })}</> : null}
                    </td>
                    <td data-label={t('actions')} data-col="actions" className="admin-actions-cell">
                      <form action={withdraw}>
                        <input type="hidden" name="companyId" value={companyId} />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="button secondary small" disabled={pending}>
                          {t('withdraw')}
                          <span className="sr-only"> ({name})</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.message}
      </p>
    </div>
  );
}
