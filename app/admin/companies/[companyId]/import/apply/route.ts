import { applyImport } from '@/lib/companies/import/apply';
import { sessionActing } from '@/app/(auth)/session';
import { answerCsvUpload, type CompanyRouteContext } from '../csv-upload';

/** POST /admin/companies/{id}/import/apply (body: the CSV file) → applies its valid rows in one transaction. */
export async function POST(request: Request, context: CompanyRouteContext): Promise<Response> {
  return answerCsvUpload(request, context, sessionActing(), applyImport);
}
