import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CompanyAdmin } from '@/components/admin/company-admin';
import { companyDashboard, type CompanyDashboard } from '@/lib/companies/dashboard';
import { parseId } from '@/lib/http/params';
import { HttpError } from '@/lib/http/problem';
import { requireSessionActing, siteOrigin } from '@/app/(auth)/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Admin'))('companyTitle') };
}

interface Props {
  params: Promise<{ companyId: string }>;
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function CompanyAdminPage({ params, searchParams }: Props) {
  const { companyId: raw } = await params;
  const acting = await requireSessionActing(`/admin/companies/${encodeURIComponent(raw)}`);
  const companyId = parseId(raw);
  if (companyId === null) notFound();
  const { q, page } = await searchParams;
  let data: CompanyDashboard;
  try {
    data = await companyDashboard(acting, companyId, { query: first(q), page: Number(first(page)) || 1 });
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) notFound();
    throw error;
  }
  return (
    <div className="admin-page">
      <p className="admin-breadcrumb">
        <Link href="/admin">{(await getTranslations('Admin'))('back')}</Link>
      </p>
      <CompanyAdmin data={data} origin={await siteOrigin()} headingLevel={1} />
    </div>
  );
}
