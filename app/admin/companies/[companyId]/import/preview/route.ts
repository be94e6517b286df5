import { noSuchCompany } from '@/lib/admin/authorize';
import { adminCompany } from '@/lib/admin/companies';
import { previewImport } from '@/lib/admin/csv-import';
import { assertSameOrigin, errorResponse, jsonAnswer, parseCompanyId, readTextBody } from '@/lib/admin/http';
import { IMPORT_MAX_BYTES } from '@/lib/admin/shared';
import { sessionActing } from '@/app/admin/session';

// A route handler rather than a server action: an import file can be far larger than the 1 MB a
// server action accepts.

/** POST /admin/companies/{id}/import/preview (body: the CSV file) → what each row would do. */
export async function POST(request: Request, { params }: { params: Promise<{ companyId: string }> }): Promise<Response> {
  try {
    const acting = await sessionActing();
    const companyId = parseCompanyId((await params).companyId);
    if (companyId === null) throw noSuchCompany();
    adminCompany(acting, companyId); // 404 for outsiders, before reading their upload
    assertSameOrigin(request);
    return jsonAnswer(previewImport(acting, companyId, await readTextBody(request, IMPORT_MAX_BYTES)));
  } catch (error) {
    return errorResponse(error);
  }
}
