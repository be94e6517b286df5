import { noSuchCompany, type Acting } from '@/lib/companies/access';
import { adminCompany } from '@/lib/companies/overview';
import { readTextBody } from '@/lib/http/body';
import { parseId } from '@/lib/http/params';
import { errorResponse, jsonAnswer } from '@/lib/http/response';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { IMPORT_MAX_BYTES } from '@/lib/companies/import/format';

// Route handlers rather than server actions: an import file can be far larger than the 1 MB a
// server action accepts.

export interface CompanyRouteContext {
  params: Promise<{ companyId: string }>;
}

/**
 * A company's CSV upload (the request body) handed to `handleCsv`, whose result is the JSON answer:
 * the caller's session user (`acting`, read by the route), a 404 for outsiders before their upload
 * is read, same-origin requests only.
 */
export async function answerCsvUpload(
  request: Request,
  { params }: CompanyRouteContext,
  acting: Promise<Acting | null>,
  handleCsv: (acting: Acting | null, companyId: number, csv: string) => unknown,
): Promise<Response> {
  try {
    const who = await acting;
    const companyId = parseId((await params).companyId);
    if (companyId === null) throw noSuchCompany();
    await adminCompany(who, companyId); // 404 for outsiders, before reading their upload
    assertSameOrigin(request);
    return jsonAnswer(await handleCsv(who, companyId, await readTextBody(request, IMPORT_MAX_BYTES)));
  } catch (error) {
    return errorResponse(error);
  }
}
