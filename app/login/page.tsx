import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="narrow card">
      <h1>Sign in</h1>
      <SignInForm callbackUrl={safeCallbackUrl(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl)} />
      <p className="muted">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </div>
  );
}
