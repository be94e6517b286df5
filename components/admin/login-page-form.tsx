'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { describedBy, FieldError } from './field-error';
import { saveBrandingAction, type AdminActionState } from '@/app/admin/actions';
import type { BrandingView } from '@/lib/companies/branding';
import { DISPLAY_NAME_MAX_LENGTH, LOGO_MAX_BYTES, parseAccentColor } from '@/lib/companies/branding-rules';

const idle: AdminActionState = { status: 'idle', message: null };
const KIB = 1024;

/**
 * How the company's login page looks: display name, logo (PNG, JPEG or WebP up to 256 KiB) and an
 * accent colour for the Sign in button. The accent's contrast with white text is shown as it is
 * typed, by the same rule the server applies; the server has the last word on everything.
 */
export function LoginPageForm({ companyId, companyName, branding }: { companyId: number; companyName: string; branding: BrandingView }) {
  const [state, action, pending] = useActionState(saveBrandingAction, idle);
  const [displayName, setDisplayName] = useState(branding.displayName ?? '');
  const [accent, setAccent] = useState(branding.accentColor ?? '');
  const [tooBig, setTooBig] = useState<string | null>(null);
  const key = `brand-${companyId}`;
  const t = useTranslations('Admin.branding');
  const serverErrors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const accentAnswer = parseAccentColor(accent);
  // Typed, the accent's verdict is live; once sent, the server's answer is shown instead.
  const errors: Record<string, string[] | undefined> = {
    ...serverErrors,
    // (said once a whole #RRGGBB is typed, not at every keystroke on the way)
    accentColor: accent.trim().length >= 7 && !accentAnswer.ok ? [accentAnswer.message] : serverErrors.accentColor,
    logo: tooBig ? [tooBig] : serverErrors.logo,
  };
  const described = (name: string, ...hints: string[]) => describedBy(errors, key, name, ...hints);
  return (
    <form action={action} className="admin-form admin-rules">
      <input type="hidden" name="companyId" value={companyId} />
      <div className="field">
        <label htmlFor={`${key}-name`}>{t('displayName')}</label>
        <p className="hint" id={`${key}-name-hint`}>
          {t.rich('displayNameHint', { company: companyName, max: DISPLAY_NAME_MAX_LENGTH, name: (chunks) => <bdi>{chunks}</bdi> })}
        </p>
        <input
          id={`${key}-name`}
          name="displayName"
          type="text"
          maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          aria-invalid={errors.displayName ? true : undefined}
          aria-describedby={described('displayName', `${key}-name-hint`)}
        />
        <FieldError id={`${key}-displayName-error`} errors={errors.displayName} />
      </div>
      <div className="field">
        <label htmlFor={`${key}-logo`}>{t('logo')}</label>
        <p className="hint" id={`${key}-logo-hint`}>
          {t('logoHint', { kib: LOGO_MAX_BYTES / KIB })}
        </p>
        {branding.logo ? (
          <p className="admin-logo-now">
            {/* eslint-disable-next-line @next/next/no-img-element -- the company's own logo, served by us */}
            <img src={branding.logo.url} alt={t('currentLogo', { company: companyName })} className="admin-logo-preview" />
            <span className="muted">
              {t('now', { type: branding.logo.type.replace('image/', '').toUpperCase(), kib: Math.ceil(branding.logo.bytes / KIB) })}
            </span>
          </p>
        ) : null}
        <input
          id={`${key}-logo`}
          name="logo"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setTooBig(file && file.size > LOGO_MAX_BYTES ? t('tooBig', { size: Math.ceil(file.size / KIB), max: LOGO_MAX_BYTES / KIB }) : null);
          }}
          aria-invalid={errors.logo ? true : undefined}
          aria-describedby={described('logo', `${key}-logo-hint`)}
        />
        <FieldError id={`${key}-logo-error`} errors={errors.logo} />
        {branding.logo ? (
          <label className="admin-check">
            <input type="checkbox" name="removeLogo" /> {t('removeLogo')}
          </label>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${key}-accent`}>{t('accent')}</label>
        <p className="hint" id={`${key}-accent-hint`}>
          {t.rich('accentHint', { code: (chunks) => <code dir="ltr">{chunks}</code> })}
        </p>
        <input
          id={`${key}-accent`}
          name="accentColor"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={7}
          placeholder={t('accentPlaceholder')}
          value={accent}
          onChange={(e) => setAccent(e.target.value)}
          aria-invalid={errors.accentColor ? true : undefined}
          aria-describedby={described('accentColor', `${key}-accent-hint`)}
        />
        <FieldError id={`${key}-accentColor-error`} errors={errors.accentColor} />
      </div>
      <button type="submit" className="button" disabled={pending || tooBig !== null}>
        {t('save')}
        <span className="sr-only">{t('saveWhat')}</span>
      </button>
      <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.status === 'success'
          ? state.message
          : state.status === 'error'
            ? Object.keys(serverErrors).length > 0
              ? t('nothingSaved')
              : state.message
            : ''}
      </p>
    </form>
  );
}
