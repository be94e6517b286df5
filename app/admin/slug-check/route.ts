import { checkSlug } from '@/lib/companies/overview';
import { errorResponse, jsonAnswer } from '@/lib/http/response';
import { sessionActing } from '@/app/(auth)/session';

/** GET /admin/slug-check?slug=… → {slug, available, message}: the create-company form's live check. */
export async function GET(request: Request): Promise<Response> {
  try {
    const acting = await sessionActing();
    const slug = new URL(request.url).searchParams.get('slug') ?? '';
    return jsonAnswer(await checkSlug(acting, slug.slice(0, 200)));
  } catch (error) {
    return errorResponse(error);
  }
}
