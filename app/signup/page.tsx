import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/app/(auth)/auth';
import { SignUpForm } from '@/components/signup-form';
import styles from './signup.module.css';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  // A signed-in person already has an account; the live check would call their own name "available".
  const session = await auth();
  if (session?.user) redirect('/account');
  return (
    <div className={`narrow card ${styles.card}`}>
      <h1>Create your account</h1>
      <SignUpForm />
      <p className="muted form-footer">
        Already have an account? <a href="/login">Sign in</a>
      </p>
    </div>
  );
}
