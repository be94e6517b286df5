import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signInFailureKey } from '@/lib/auth/messages';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('SignIn'))('title') };
}

type Search = Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[]; notice?: string | string[] }>;

/** What brought the person here, when it was not a failed sign-in. */
const NOTICES = { reset: 'noticeReset', everywhere: 'noticeEverywhere', deleted: 'noticeDeleted' } as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const t = await getTranslations('SignIn');
  const { callbackUrl, error, code, notice } = await searchParams;
  const noticeKey = Object.hasOwn(NOTICES, first(notice) ?? '') ? NOTICES[first(notice) as keyof typeof NOTICES] : null;
  // Auth.js sends a failed sign-in through /api/auth back here with `?error=…&code=…`.
  const errorName = first(error);
  const arrival = !errorName ? null : errorName === 'CredentialsSignin' ? t(signInFailureKey(first(code))) : t('didNotWork');
  return (
    <div className="narrow card">
      <h1>{t('title')}</h1>
      {noticeKey ? (
        <p role="status" className="notice">
          {t(noticeKey)}
        </p>
      ) : null}
      <SignInForm callbackUrl={safeCallbackUrl(first(callbackUrl))} initialMessage={arrival} />
      <p className="form-footer">
        <a href="/reset">{t('forgotPassword')}</a>
      </p>
      <p className="muted form-footer">
        {t.rich('newHere', { link: (chunks) => <a href="/signup">{chunks}</a> })}
      </p>
    </div>
  );
}
