import { register } from '@/lib/api/register';
import { nextHandler } from '@/lib/http/next-adapter';
import { otherMethods } from '@/lib/http/route';

export const POST = nextHandler(register);
export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
