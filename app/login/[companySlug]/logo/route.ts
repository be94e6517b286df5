import { logoAnswer } from '@/lib/companies/branding';
import { errorResponse } from '@/lib/http/response';

/** GET /login/{companySlug}/logo?v=N: the company's logo, for its login page. */
export async function GET(request: Request, { params }: { params: Promise<{ companySlug: string }> }): Promise<Response> {
  try {
    const answer = await logoAnswer((await params).companySlug, {
      version: new URL(request.url).searchParams.get('v'),
      ifNoneMatch: request.headers.get('if-none-match'),
    });
    return new Response(answer.status === 304 ? null : new Uint8Array(answer.body instanceof Buffer ? answer.body : Buffer.from(answer.body)), {
      status: answer.status,
      headers: answer.headers,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
