import { checkUserExistence } from '@/lib/api/check-user-existence';
import { nextHandler } from '@/lib/http/next-adapter';
import { otherMethods } from '@/lib/http/route';

// server.ts answers this path itself in production; this is the same core for any other way in.
export const POST = nextHandler(checkUserExistence);
export const OPTIONS = POST;
export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST', 'OPTIONS']);
