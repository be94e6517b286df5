'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState, useEffect } from 'react';
import { releaseHeldNameAction, type AdminActionState } from '@/app/admin/actions';
import { usernameCheckKeys } from '@/lib/query-options/username-check';

const idle: AdminActionState = { status: 'idle', message: null };

/** The held names' form: each `Release` button submits its name; the answer is said in a polite live region. */
export function ReleaseForm({ companyId, children }: { companyId: number; children: React.ReactNode }) {
  const [state, release, pending] = useActionState(releaseHeldNameAction, idle);
  const queryClient = useQueryClient();

  useEffect(() => {
    // A released name is free now: the members' rows must ask again instead of showing a cached "held".
    if (state.status === 'success') void queryClient.invalidateQueries({ queryKey: usernameCheckKeys.company(companyId) });
  }, [state, companyId, queryClient]);

  return (
    <form action={release} aria-busy={pending || undefined}>
      <input type="hidden" name="companyId" value={companyId} />
      {/* While one release is on its way, no second click sends it again. */}
      <fieldset className="admin-plain-fieldset" disabled={pending}>
        {children}
      </fieldset>
      <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.message}
      </p>
    </form>
  );
}
