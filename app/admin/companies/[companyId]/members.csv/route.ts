import { noSuchCompany } from '@/lib/companies/access';
import { parseId } from '@/lib/http/params';
import { errorResponse } from '@/lib/http/response';
import { exportMembersCsv } from '@/lib/companies/members';
import { sessionActing } from '@/app/(auth)/session';

/** GET /admin/companies/{id}/members.csv: the members as CSV, for that company's admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ companyId: string }> }): Promise<Response> {
  try {
    const acting = await sessionActing();
    const companyId = parseId((await params).companyId);
    if (companyId === null) throw noSuchCompany();
    const { filename, csv } = await exportMembersCsv(acting, companyId);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
