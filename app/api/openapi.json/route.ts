import { openApiDocument } from '@/lib/api/openapi';
import { jsonResponse, toWebResponse } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/route';

export const dynamic = 'force-static';

export function GET(): Response {
  return toWebResponse(jsonResponse(200, openApiDocument(), { 'cache-control': 'public, max-age=300' }));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
