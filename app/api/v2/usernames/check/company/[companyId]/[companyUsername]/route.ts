import { checkCompanyUsername } from '@/lib/api/company-check';
import { nextHandler } from '@/lib/http/next-adapter';
import { otherMethods } from '@/lib/http/route';

export const GET = nextHandler(checkCompanyUsername);
export const OPTIONS = GET;
export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET', 'OPTIONS']);
