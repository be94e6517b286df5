import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { auth } from '@/app/(auth)/auth';
import { SignUpForm } from '@/components/signup-form';
import styles from './signup.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('SignUp'))('title') };
}

export default async function SignUpPage() {
  // A signed-in person already has an account; the live check would call their own name "available".
  const session = await auth();
  if (session?.user) redirect('/account');
  const t = await getTranslations('SignUp');
  return (
    <div className={`narrow card ${styles.card}`}>
      <h1>{t('heading')}</h1>
      <SignUpForm />
      <p className="muted form-footer">
        {t.rich('haveAccount', { link: (chunks) => <a href="/login">{chunks}</a> })}
      </p>
    </div>
  );
}
