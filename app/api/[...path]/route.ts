import { notFoundHandlers } from '@/lib/http/route';

// Unknown /api paths answer problem+json, not the HTML 404 page.
export const { GET, POST, PUT, PATCH, DELETE } = notFoundHandlers();
