import { z } from 'zod';
import {
  CheckUserExistenceRequest,
  CheckUserExistenceResponse,
  CompanyCheckResponse,
  Problem,
  RegisterRequest,
  RegisterResponse,
} from './schemas';

// /api/openapi.json, generated from the zod schemas the handlers parse with: one source for both.

function schema(s: z.ZodType, io: 'input' | 'output') {
  const json = z.toJSONSchema(s, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  delete json.id;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  description: title,
  content: {
    'application/problem+json': {
      schema: ref('Problem'),
      example: { type: `/docs#problem-${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail, ...extra },
    },
  },
});

const rateLimited = problem(429, 'Too Many Requests', 'Too many requests. Try again in 42 seconds.');

export const EXAMPLES = {
  checkAvailable: {
    username: 'janedoe42',
    available: true,
    reason: 'available',
    message: 'That username is available.',
    suggestions: [],
  },
  checkTaken: {
    username: 'johndoe123',
    available: false,
    reason: 'taken',
    message: 'That username is taken.',
    suggestions: ['johndoe124', 'johndoe123_1', 'johndoe1232'],
  },
  companyAvailable: {
    company_id: '1',
    company_username: 'FB1234',
    is_available: true,
    message: 'Username "FB1234" is available for this company',
  },
  companyTaken: {
    company_id: '1',
    company_username: 'FB12345',
    is_available: false,
    message: 'Username "FB12345" is already taken for this company',
  },
} as const;

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'namecheck API',
      version: '1.0.0',
      description:
        'Can this username be used? Global usernames (v1) and company usernames (v2). Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/iam/check-user-existence/': {
        post: {
          operationId: 'check-user-existence-create',
          summary: 'Check User Existence',
          description:
            'Checks if a username is available for registration. If the caller is signed in and checks their own username, it returns available=true with reason own_username. Also served without the trailing slash. Anonymous callers are rate limited per client IP.',
          tags: ['iam'],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('CheckUserExistenceRequest'), example: { username: 'johndoe123' } } },
          },
          responses: {
            '200': {
              description: 'Username availability status',
              content: {
                'application/json': {
                  schema: ref('CheckUserExistenceResponse'),
                  examples: {
                    'Username Available': { value: EXAMPLES.checkAvailable },
                    'Username Taken': { value: EXAMPLES.checkTaken },
                  },
                },
              },
            },
            '400': problem(400, 'Bad Request', 'The body is not valid JSON.'),
            '405': problem(405, 'Method Not Allowed', 'This endpoint accepts POST, OPTIONS.'),
            '413': problem(413, 'Payload Too Large', 'The body is larger than 16 KiB.'),
            '415': problem(415, 'Unsupported Media Type', 'Send the body as JSON with Content-Type: application/json.'),
            '429': rateLimited,
          },
        },
      },
      '/api/v1/iam/register/': {
        post: {
          operationId: 'register-create',
          summary: 'Register a global username',
          description: 'The same rules and canonical form as the check decide. Also served without the trailing slash.',
          tags: ['iam'],
          requestBody: { required: true, content: { 'application/json': { schema: ref('RegisterRequest') } } },
          responses: {
            '201': { description: 'Registered', content: { 'application/json': { schema: ref('RegisterResponse') } } },
            '400': problem(400, 'Invalid request', "Usernames can't start with a space", {
              errors: { username: ["Usernames can't start with a space"] },
            }),
            '409': problem(409, 'Conflict', 'That username is taken.', { reason: 'taken', suggestions: ['johndoe124'] }),
            '413': problem(413, 'Payload Too Large', 'The body is larger than 16 KiB.'),
            '415': problem(415, 'Unsupported Media Type', 'Send the body as JSON with Content-Type: application/json.'),
            '429': rateLimited,
          },
        },
      },
      '/api/v2/usernames/check/company/{companyId}/{companyUsername}': {
        get: {
          operationId: 'check-company-username',
          summary: 'Check Company Username',
          description:
            'Validates the availability of a username within one company. Percent-encode the username (spaces, /, UTF-8); it is decoded once. Also served with a trailing slash.',
          tags: ['usernames'],
          security: [{ bearerAuth: [] }, { sessionCookie: [] }],
          parameters: [
            { name: 'companyId', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 9007199254740991 } },
            { name: 'companyUsername', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
          ],
          responses: {
            '200': {
              description: 'Availability within the company',
              content: {
                'application/json': {
                  schema: ref('CompanyCheckResponse'),
                  examples: {
                    Available: { value: EXAMPLES.companyAvailable },
                    Taken: { value: EXAMPLES.companyTaken },
                  },
                },
              },
            },
            '400': problem(400, 'Invalid request', 'companyId must be an integer from 1 to 9007199254740991 in plain decimal.'),
            '401': problem(401, 'Unauthorized', 'The API token is malformed, unknown or revoked.'),
            '403': problem(403, 'Forbidden', 'This token belongs to another company.'),
            '404': problem(404, 'Not Found', 'There is no company with id 99.'),
            '429': rateLimited,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token created by a company admin or the CLI' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The session of an admin of that company' },
      },
      schemas: {
        CheckUserExistenceRequest: schema(CheckUserExistenceRequest, 'input'),
        CheckUserExistenceResponse: schema(CheckUserExistenceResponse, 'output'),
        RegisterRequest: schema(RegisterRequest, 'input'),
        RegisterResponse: schema(RegisterResponse, 'output'),
        CompanyCheckResponse: schema(CompanyCheckResponse, 'output'),
        Problem: schema(Problem, 'output'),
      },
    },
  };
}
