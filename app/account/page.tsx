import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/app/(auth)/auth';
import { findUserById } from '@/lib/users';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const session = await auth();
  const user = session?.user ? findUserById(Number(session.user.id)) : undefined;
  if (!user) redirect('/login?callbackUrl=/account');
  return (
    <div className="narrow card">
      <h1>Your account</h1>
      <p>
        Signed in as <strong data-testid="account-username">{user.username ?? session?.user.name}</strong>
      </p>
    </div>
  );
}
