import { z } from 'zod';
import { invalidCompanyId, MAX_ID } from '@/lib/http/params';
import {
  API_HEADERS,
  JSON_CONTENT_TYPE,
  methodNotAllowed,
  payloadTooLarge,
  PROBLEMS,
  problemType,
  type HttpError,
  type PlainResponse,
  type ProblemCode,
} from '@/lib/http/problem';
import { MAX_BODY_BYTES, type PlainRequest } from '@/lib/http/request';
import {
  BULK_CHECK_MAX_BODY_BYTES,
  CheckUserExistenceRequest,
  CheckUserExistenceResponse,
  CompanyBulkCheckRequest,
  CompanyBulkCheckResponse,
  CompanyCheckResponse,
  invalidBulkCheckRequest,
  MAX_BULK_USERNAMES,
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

type ProblemExample = [code: ProblemCode, name: string, detail: string, extra?: Record<string, unknown>];

/** One problem answer the endpoint sends, named for the docs: its `type`, title and status come from PROBLEMS. */
const problem = (code: ProblemCode, name: string, detail: string, extra?: Record<string, unknown>): ProblemExample => [
  code,
  name,
  detail,
  extra,
];

/** An example made by the function that makes the real answer, so its detail cannot drift either. */
const problemFrom = (error: HttpError, name: string): ProblemExample =>
  problem(error.code, name, error.message, error.errors ? { errors: error.errors } : undefined);

/** The responses of an operation's problems, one per status, with an example of each problem. */
function problemResponses(...problems: ProblemExample[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemExample[]>();
  for (const example of problems) {
    const status = PROBLEMS[example[0]].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), example]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, examples] of byStatus) {
    const titles = [...new Set(examples.map(([code]) => PROBLEMS[code].title))];
    responses[String(status)] = {
      description: titles.join(' or '),
      content: {
        'application/problem+json': {
          schema: ref('Problem'),
          examples: Object.fromEntries(
            examples.map(([code, name, detail, extra]) => [
              name,
              { value: { type: problemType(code), title: PROBLEMS[code].title, status, detail, ...extra } },
            ]),
          ),
        },
      },
    };
  }
  return responses;
}

const rateLimited = problem('rate_limited', 'Rate limited', 'Too many requests. Try again in 42 seconds.');
const tooLarge = problemFrom(payloadTooLarge(MAX_BODY_BYTES), 'Body too large');
const notJson = problem('unsupported_media_type', 'Not JSON', 'Send the body as JSON with Content-Type: application/json.');
const malformedJson = problem('bad_request', 'Malformed JSON', 'The body is not valid JSON.');

/** The language of `message` (the contract's `language` row): lib/i18n/locales.ts decides. */
const ACCEPT_LANGUAGE = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  description:
    'The language of `message`: en, de or ar, by q-value (de-CH counts as de); anything else, or no header, is English. `message_key` is the same in every language. Answers say Vary: Accept-Language.',
  schema: { type: 'string', examples: ['de', 'ar', 'de-CH, en;q=0.8'] },
};

export const EXAMPLES = {
  checkAvailable: {
    username: 'janedoe42',
    available: true,
    reason: 'available',
    message: 'That username is available.',
    message_key: 'username.verdict.available',
    suggestions: [],
  },
  checkTaken: {
    username: 'johndoe123',
    available: false,
    reason: 'taken',
    message: 'That username is taken.',
    message_key: 'username.verdict.taken',
    suggestions: ['johndoe124', 'johndoe123_1', 'johndoe1232'],
  },
  checkHeld: {
    username: 'johndoe',
    available: false,
    reason: 'held',
    message: 'That username was given up recently and is held until January 2, 2027.',
    message_key: 'username.verdict.held',
    suggestions: [],
  },
  companyAvailable: {
    company_id: '1',
    company_username: 'FB1234',
    is_available: true,
    message: 'Username "FB1234" is available for this company',
    reason: 'available',
    message_key: 'base.user_is_available_for_this_company',
  },
  companyTaken: {
    company_id: '1',
    company_username: 'FB12345',
    is_available: false,
    message: 'Username "FB12345" is already taken for this company',
    reason: 'taken',
    message_key: 'base.user_is_already_taken_for_this_company',
  },
  companyOffPattern: {
    company_id: '1',
    company_username: 'jdoe42',
    is_available: false,
    message: 'Username "jdoe42" does not match this company\'s pattern (FB\\d{4,5})',
    reason: 'invalid',
    message_key: 'username.company_rules.pattern',
    suggestions: [],
  },
  companyTooShort: {
    company_id: '1',
    company_username: 'FB1',
    is_available: false,
    message: 'Username "FB1" is too short for this company (at least 6 characters)',
    reason: 'invalid',
    message_key: 'username.company_rules.too_short',
    suggestions: [],
  },
  companyReserved: {
    company_id: '1',
    company_username: 'FB00000',
    is_available: false,
    message: 'Username "FB00000" is reserved by this company',
    reason: 'reserved',
    message_key: 'username.company_rules.reserved',
    // Suggestions follow the company's rules too: no variant of FB00000 matches FB\d{4,5}.
    suggestions: [],
  },
  companyHeld: {
    company_id: '1',
    company_username: 'FB12346',
    is_available: false,
    message: 'Username "FB12346" was given up recently and is held for this company until January 2, 2027',
    reason: 'held',
    message_key: 'base.user_is_held_for_this_company',
    suggestions: [],
  },
  bulkAvailable: {
    company_id: '1',
    company_username: 'FB1234',
    is_available: true,
    message: 'Username "FB1234" is available for this company',
    reason: 'available',
    message_key: 'base.user_is_available_for_this_company',
    suggestions: [],
  },
  bulkTaken: {
    company_id: '1',
    company_username: 'FB12345',
    is_available: false,
    message: 'Username "FB12345" is already taken for this company',
    reason: 'taken',
    message_key: 'base.user_is_already_taken_for_this_company',
    suggestions: ['FB12345_1', 'FB12345_2', 'FB12345_3'],
  },
} as const;

/** The document, built once: it depends on nothing but the code. */
export function openApiDocument() {
  return (built ??= buildDocument());
}

let built: ReturnType<typeof buildDocument> | undefined;

/** GET /api/openapi.json */
export function openApiJson(req: PlainRequest): PlainResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
  return {
    status: 200,
    headers: { ...API_HEADERS, 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'public, max-age=300' },
    body: (builtJson ??= JSON.stringify(openApiDocument())),
  };
}

let builtJson: string | undefined;

function buildDocument() {
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
          parameters: [ACCEPT_LANGUAGE],
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
                    'Username held after its owner gave it up': { value: EXAMPLES.checkHeld },
                  },
                },
              },
            },
            ...problemResponses(
              malformedJson,
              problem('bad_request', 'No username', 'Send {"username": "<a string>"}.', {
                errors: { username: ['This field is required.'] },
              }),
              problemFrom(methodNotAllowed(['POST', 'OPTIONS']), 'Wrong method'),
              tooLarge,
              notJson,
              rateLimited,
            ),
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
            ...problemResponses(
              malformedJson,
              problem('validation_error', 'Invalid fields', 'Some fields are missing or invalid.', {
                errors: { username: ["Usernames can't start with a space"] },
              }),
              problemFrom(methodNotAllowed(['POST']), 'Wrong method'),
              problem('conflict', 'Taken', 'That username is taken.', { reason: 'taken', suggestions: ['johndoe124'] }),
              tooLarge,
              notJson,
              rateLimited,
              problem('unavailable', 'Database busy', 'The database cannot answer right now (unreachable, read-only or busy). Try again shortly.'),
            ),
          },
        },
      },
      '/api/v2/usernames/check/company/{companyId}/{companyUsername}': {
        get: {
          operationId: 'check-company-username',
          summary: 'Check Company Username',
          description:
            "Validates the availability of a username within one company. Percent-encode the username (spaces, /, UTF-8); it is decoded once. Also served with a trailing slash. A company may set its own rules on /admin or with `cli company policy`: a minimum and maximum length (within 1 to 64), a pattern the whole name as sent must match (a JavaScript regular expression, u flag) and reserved names (compared by canonical form). A name that breaks one gets is_available false, reason invalid (too short, too long, off the pattern) or reserved, and a message that names the rule: `Username \"FB1\" is too short for this company (at least 6 characters)`, `Username \"jdoe42\" does not match this company's pattern (FB\\d{4,5})`, `Username \"FB00000\" is reserved by this company`.",
          tags: ['usernames'],
          security: [{ bearerAuth: [] }, { sessionCookie: [] }],
          parameters: [
            { name: 'companyId', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: MAX_ID } },
            { name: 'companyUsername', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
            ACCEPT_LANGUAGE,
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
                    "Off the company's pattern": { value: EXAMPLES.companyOffPattern },
                    'Shorter than the company allows': { value: EXAMPLES.companyTooShort },
                    'Reserved by the company': { value: EXAMPLES.companyReserved },
                    'Held for the company': { value: EXAMPLES.companyHeld },
                  },
                },
              },
            },
            ...problemResponses(
              problemFrom(invalidCompanyId(), 'Invalid companyId'),
              problem('bad_request', 'Invalid percent-encoding', 'companyUsername has an invalid percent-encoding.', {
                errors: { companyUsername: ['Encode the username as UTF-8 and percent-encode it once.'] },
              }),
              problem('unauthorized', 'No or invalid token', 'The API token is malformed, unknown, revoked or expired.'),
              problem('forbidden', 'Another company', 'This token belongs to another company.'),
              problem('not_found', 'No such company', 'There is no company with id 99.'),
              problemFrom(methodNotAllowed(['GET', 'OPTIONS']), 'Wrong method'),
              rateLimited,
            ),
          },
        },
      },
      '/api/v2/usernames/check/company/{companyId}': {
        post: {
          operationId: 'check-company-usernames',
          summary: 'Check Company Usernames in bulk',
          description: `Checks up to ${MAX_BULK_USERNAMES} usernames within one company in one request, for systems that sync many people at once. The answer has one item per input, in input order, each exactly what the single check answers for that name; an input whose canonical form (case, width and compatibility folded) repeats an earlier input's gets is_available false and reason duplicate_in_request. The same authentication, companyId rules and authorization as the single check. Each name counts against the token's per-minute limit, and a request that would go over it is refused whole (429) and consumes nothing. Unknown fields are refused. Also served with a trailing slash.`,
          tags: ['usernames'],
          security: [{ bearerAuth: [] }, { sessionCookie: [] }],
          parameters: [{ name: 'companyId', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: MAX_ID } }, ACCEPT_LANGUAGE],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('CompanyBulkCheckRequest'), example: { usernames: ['FB1234', 'FB12345'] } } },
          },
          responses: {
            '200': {
              description: 'One verdict per input, in input order',
              content: {
                'application/json': {
                  schema: ref('CompanyBulkCheckResponse'),
                  examples: {
                    'The seed document’s two names': { value: [EXAMPLES.bulkAvailable, EXAMPLES.bulkTaken] },
                    "The company's own rules": { value: [EXAMPLES.companyOffPattern, EXAMPLES.companyTooShort, EXAMPLES.companyReserved] },
                    'A repeat': {
                      value: [
                        EXAMPLES.bulkAvailable,
                        {
                          company_id: '1',
                          company_username: 'fb1234',
                          is_available: false,
                          message: 'Username "fb1234" is the same as "FB1234", given earlier in this request',
                          reason: 'duplicate_in_request',
                          message_key: 'base.user_is_duplicate_in_request',
                          suggestions: [],
                        },
                      ],
                    },
                  },
                },
              },
            },
            ...problemResponses(
              problemFrom(invalidCompanyId(), 'Invalid companyId'),
              problemFrom(invalidBulkCheckRequest({ usernames: [`Send at most ${MAX_BULK_USERNAMES} usernames per request.`] }), 'Too many names'),
              problemFrom(invalidBulkCheckRequest({ 'usernames.1': ['Invalid input: expected string, received number'] }), 'Not a string'),
              problemFrom(invalidBulkCheckRequest({ company: ['This field is not accepted.'] }), 'Unknown field'),
              malformedJson,
              problem('bad_request', 'Not an object', 'The body must be a JSON object.'),
              problem('unauthorized', 'No or invalid token', 'The API token is malformed, unknown, revoked or expired.'),
              problem('forbidden', 'Another company', 'This token belongs to another company.'),
              problem('not_found', 'No such company', 'There is no company with id 99.'),
              problemFrom(methodNotAllowed(['POST', 'OPTIONS']), 'Wrong method'),
              problemFrom(payloadTooLarge(BULK_CHECK_MAX_BODY_BYTES), 'Body too large'),
              notJson,
              problem('rate_limited', 'Over the token’s limit', 'This request counts 1000 checks and 200 are left this minute. Try again in 42 seconds.'),
            ),
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
        CompanyBulkCheckRequest: schema(CompanyBulkCheckRequest, 'input'),
        CompanyBulkCheckResponse: schema(CompanyBulkCheckResponse, 'output'),
        Problem: schema(Problem, 'output'),
      },
    },
  };
}
