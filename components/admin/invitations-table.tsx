'use client';

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
  const [state, withdraw, pending] = useActionState(withdrawInvitationAction, idle);
  const { rows, total } = invitations;
  return (
    <div className="admin-invitations">
      <p className="muted">
        {total === 0
          ? 'No pending invitations.'
          : `${total.toLocaleString('en')} pending invitation${total === 1 ? '' : 's'}${rows.length < total ? `; the newest ${rows.length.toLocaleString('en')} are shown` : ''}.`}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="admin-table admin-invitations-table">
            <caption className="sr-only">Pending invitations to {companyName}</caption>
            <thead>
              <tr>
                <th scope="col">Global username</th>
                <th scope="col">Role</th>
                <th scope="col">Company username offered</th>
                <th scope="col">Invited</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invitation) => {
                const name = invitation.username ?? `user #${invitation.userId}`;
                return (
                  <tr key={invitation.id} data-testid={`invitation-${invitation.id}`}>
                    <td data-label="Global username">{name}</td>
                    <td data-label="Role">{invitation.role === 'admin' ? 'Admin' : 'Member'}</td>
                    <td data-label="Company username offered">
                      {invitation.companyUsername !== null ? <code>{invitation.companyUsername}</code> : <span className="muted">none</span>}
                    </td>
                    <td data-label="Invited">
                      <time dateTime={invitation.createdAt.toISOString()}>{formatUtc(invitation.createdAt)}</time>
                      {invitation.invitedBy ? <> by {invitation.invitedBy}</> : null}
                    </td>
                    <td data-label="Actions" className="admin-actions-cell">
                      <form action={withdraw}>
                        <input type="hidden" name="companyId" value={companyId} />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="button secondary small" disabled={pending}>
                          Withdraw<span className="sr-only"> ({name})</span>
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
