'use client';

import { useQuery } from '@tanstack/react-query';
import { useActionState, useState } from 'react';
import { createCompanyAction, type AdminActionState } from '@/app/admin/actions';
import { slugCheck } from '@/lib/query-options/slug-check';
import { useDebouncedValue } from '../use-debounced-value';

const idle: AdminActionState = { status: 'idle', message: null };

/** Platform admins: a new company (name, slug checked live) and its first admin. */
export function CreateCompanyForm() {
  const [state, action, pending] = useActionState(createCompanyAction, idle);
  // Controlled, so a refused submission keeps what was typed (React resets uncontrolled fields).
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [adminUsername, setAdminUsername] = useState('');
  const debounced = useDebouncedValue(slug, 250);
  const check = useQuery({ ...slugCheck(debounced), enabled: debounced !== '' });
  const slugError = state.status === 'error' ? state.fieldErrors?.slug?.[0] : undefined;
  let verdict: { state: string; message: string } = { state: 'empty', message: '' };
  if (slug !== '') {
    if (debounced !== slug || check.isFetching) verdict = { state: 'checking', message: 'Checking…' };
    else if (check.data) verdict = { state: check.data.available ? 'available' : 'taken', message: check.data.message };
    else if (check.isError) verdict = { state: 'error', message: 'The check did not answer. You can still submit.' };
  }
  return (
    <form action={action} className="admin-form admin-create-company">
      <div className="field">
        <label htmlFor="company-name">Company name</label>
        <input
          id="company-name"
          name="name"
          type="text"
          maxLength={100}
          required
          autoComplete="organization"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="company-slug">Slug</label>
        <input
          id="company-slug"
          name="slug"
          type="text"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          aria-describedby="company-slug-verdict"
          aria-invalid={verdict.state === 'taken' || slugError ? true : undefined}
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
          required
        />
        <div className="verdict" data-state={slugError ? 'invalid' : verdict.state}>
          <div id="company-slug-verdict" role="status" aria-live="polite" aria-atomic="true">
            {slugError ?? verdict.message}
          </div>
        </div>
      </div>
      <div className="field">
        <label htmlFor="company-admin">First admin (global username)</label>
        <input
          id="company-admin"
          name="adminUsername"
          type="text"
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
          required
          value={adminUsername}
          onChange={(e) => setAdminUsername(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Create company
      </button>
      {state.status === 'error' ? (
        <p className="admin-error" aria-live="polite">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
