import { noSuchCompany } from '@/lib/admin/authorize';
import { adminCompany } from '@/lib/admin/companies';
import { applyImport } from '@/lib/admin/csv-import';
import { assertSameOrigin, errorResponse, jsonAnswer, parseCompanyId, readTextBody } from '@/lib/admin/http';
import { IMPORT_MAX_BYTES } from '@/lib/admin/shared';
import { sessionActing } from '@/app/admin/session';

/** POST /admin/companies/{id}/import/apply (body: the CSV file) → applies its valid rows in one transaction. */
export async function POST(request: Request, { params }: { params: Promise<{ companyId: string }> }): Promise<Response> {
  try {
    const acting = await sessionActing();
    const companyId = parseCompanyId((await params).companyId);
    if (companyId === null) throw noSuchCompany();
    adminCompany(acting, companyId); // 404 for outsiders, before reading their upload
    assertSameOrigin(request);
    return jsonAnswer(applyImport(acting, companyId, await readTextBody(request, IMPORT_MAX_BYTES)));
  } catch (error) {
    return errorResponse(error);
  }
}
