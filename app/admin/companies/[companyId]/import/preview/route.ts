import { previewImport } from '@/lib/companies/import/preview';
import { sessionActing } from '@/app/(auth)/session';
import { answerCsvUpload, type CompanyRouteContext } from '../csv-upload';

/** POST /admin/companies/{id}/import/preview (body: the CSV file) → what each row would do. */
export async function POST(request: Request, context: CompanyRouteContext): Promise<Response> {
  return answerCsvUpload(request, context, sessionActing(), previewImport);
}
