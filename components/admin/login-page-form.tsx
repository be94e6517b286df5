'use client';

import { useActionState, useState } from 'react';
import { saveBrandingAction, type AdminActionState } from '@/app/admin/actions';
import type { BrandingView } from '@/lib/companies/branding';
import { DISPLAY_NAME_MAX_LENGTH, LOGO_MAX_BYTES, parseAccentColor } from '@/lib/companies/branding-rules';

const idle: AdminActionState = { status: 'idle', message: null };
const KIB = 1024;

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.join(' ')}
    </p>
  );
}

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
  const serverErrors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const accentAnswer = parseAccentColor(accent);
  // Typed, the accent's verdict is live; once sent, the server's answer is shown instead.
  const errors: Record<string, string[] | undefined> = {
    ...serverErrors,
    // (said once a whole #RRGGBB is typed, not at every keystroke on the way)
    accentColor: accent.trim().length >= 7 && !accentAnswer.ok ? [accentAnswer.message] : serverErrors.accentColor,
    logo: tooBig ? [tooBig] : serverErrors.logo,
  };
  const described = (name: string, ...others: string[]) => [errors[name]?.length ? `${key}-${name}-error` : null, ...others].filter(Boolean).join(' ') || undefined;
  return (
    <form action={action} className="admin-form admin-rules">
      <input type="hidden" name="companyId" value={companyId} />
      <div className="field">
        <label htmlFor={`${key}-name`}>Display name</label>
        <p className="hint" id={`${key}-name-hint`}>
          Shown as the page&apos;s heading instead of “{companyName}”. Up to {DISPLAY_NAME_MAX_LENGTH} characters; leave it empty for the company name.
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
        <label htmlFor={`${key}-logo`}>Logo</label>
        <p className="hint" id={`${key}-logo-hint`}>
          A PNG, JPEG or WebP image of at most {LOGO_MAX_BYTES / KIB} KiB (SVG is not accepted). It is shown above the heading, at most 4rem high.
        </p>
        {branding.logo ? (
          <p className="admin-logo-now">
            {/* eslint-disable-next-line @next/next/no-img-element -- the company's own logo, served by us */}
            <img src={branding.logo.url} alt={`Current logo of ${companyName}`} className="admin-logo-preview" />
            <span className="muted">
              Now: {branding.logo.type.replace('image/', '').toUpperCase()}, {Math.ceil(branding.logo.bytes / KIB)} KiB
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
            setTooBig(file && file.size > LOGO_MAX_BYTES ? `The logo is ${Math.ceil(file.size / KIB)} KiB; use a file of at most ${LOGO_MAX_BYTES / KIB} KiB.` : null);
          }}
          aria-invalid={errors.logo ? true : undefined}
          aria-describedby={described('logo', `${key}-logo-hint`)}
        />
        <FieldError id={`${key}-logo-error`} errors={errors.logo} />
        {branding.logo ? (
          <label className="admin-check">
            <input type="checkbox" name="removeLogo" /> Remove the logo
          </label>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${key}-accent`}>Accent colour</label>
        <p className="hint" id={`${key}-accent-hint`}>
          For the Sign in button, as <code>#RRGGBB</code>. White text on it needs a contrast ratio of at least 4.5:1. Leave it empty for the usual
          colour.
        </p>
        <input
          id={`${key}-accent`}
          name="accentColor"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={7}
          placeholder="#1f5fd1"
          value={accent}
          onChange={(e) => setAccent(e.target.value)}
          aria-invalid={errors.accentColor ? true : undefined}
          aria-describedby={described('accentColor', `${key}-accent-hint`)}
        />
        <FieldError id={`${key}-accentColor-error`} errors={errors.accentColor} />
      </div>
      <button type="submit" className="button" disabled={pending || tooBig !== null}>
        Save<span className="sr-only"> login page</span>
      </button>
      <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.status === 'success'
          ? state.message
          : state.status === 'error'
            ? Object.keys(serverErrors).length > 0
              ? 'Nothing was saved: see the field marked above.'
              : state.message
            : ''}
      </p>
    </form>
  );
}
