// eslint-disable-next-line no-restricted-imports -- this route moves into lib/api's router (issue 14, in progress)
import { databaseAnswers } from '@/db/client';
import { otherMethods } from '@/lib/http/route';
import { HttpError, jsonResponse, problemResponse, toWebResponse } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  if (!databaseAnswers()) {
    return toWebResponse(problemResponse(new HttpError('unavailable', 'The database does not answer.')));
  }
  return toWebResponse(jsonResponse(200, { status: 'ok' }));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
