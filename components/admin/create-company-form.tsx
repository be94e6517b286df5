'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { createCompanyAction, type AdminActionState } from '@/app/admin/actions';
import { COMPANY_NAME_MAX_LENGTH, parseSlug, SLUG_MAX_LENGTH, SLUG_PATTERN } from '@/lib/companies/rules';
import { slugCheck } from '@/lib/query-options/slug-check';
import { useDebouncedValue } from '../use-debounced-value';

const idle: AdminActionState = { status: 'idle', message: null };

/**
 * Platform admins: a new company (name, slug checked live) and its first admin. The slug's format is
 * judged here, by the server's own rule; only a well-formed slug is sent to the live check.
 */
export function CreateCompanyForm() {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(createCompanyAction, idle);
  const slugHint = t('slugHint', { max: SLUG_MAX_LENGTH });
  // Controlled, so a refused submission keeps what was typed (React resets uncontrolled fields).
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [adminUsername, setAdminUsername] = useState('');
  const debounced = useDebouncedValue(slug, 250);
  const wellFormed = parseSlug(slug) !== null;
  const check = useQuery({ ...slugCheck(debounced), enabled: parseSlug(debounced) !== null });
  const slugError = state.status === 'error' ? state.fieldErrors?.slug?.[0] : undefined;
  let verdict: { state: string; message: string } = { state: 'empty', message: '' };
  if (slug !== '') {
    if (!wellFormed) verdict = { state: 'invalid', message: t('slugRefusal', { max: SLUG_MAX_LENGTH }) };
    else if (debounced !== slug || check.isFetching) verdict = { state: 'checking', message: t('checking') };
    else if (check.data) {
      const { available, slug: checked } = check.data;
      verdict = { state: available ? 'available' : 'taken', message: available ? t('slugAvailable', { slug: checked }) : t('slugTaken', { slug: checked }) };
    } else if (check.isError) verdict = { state: 'error', message: t('slugNoAnswer') };
  }
  return (
    <form action={action} className="admin-form admin-create-company">
      <div className="field">
        <label htmlFor="company-name">{t('companyName')}</label>
        <input
          id="company-name"
          name="name"
          type="text"
          maxLength={COMPANY_NAME_MAX_LENGTH}
          required
          autoComplete="organization"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="company-slug">{t('slug')}</label>
        <p id="company-slug-hint" className="hint">
          {slugHint}
        </p>
        <input
          id="company-slug"
          name="slug"
          type="text"
          pattern={SLUG_PATTERN}
          title={slugHint}
          maxLength={SLUG_MAX_LENGTH}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          aria-describedby="company-slug-verdict company-slug-hint"
          aria-invalid={verdict.state === 'taken' || verdict.state === 'invalid' || slugError ? true : undefined}
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
        <label htmlFor="company-admin">{t('firstAdmin')}</label>
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
        {t('createCompanyButton')}
      </button>
      {state.status === 'error' ? (
        <p className="admin-error" aria-live="polite">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
