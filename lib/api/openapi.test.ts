import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, PROBLEMS, problemType } from '@/lib/http/problem';
import { openApiDocument } from './openapi';

type Json = Record<string, unknown>;

/** Every problem example of the document: [path, method, status, example]. */
function problemExamples(): [string, string, string, Json][] {
  const found: [string, string, string, Json][] = [];
  for (const [path, operations] of Object.entries(openApiDocument().paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        const media = (response.content as Record<string, Json> | undefined)?.['application/problem+json'];
        if (!media) continue;
        for (const example of Object.values(media.examples as Record<string, { value: Json }>)) found.push([path, method, status, example.value]);
      }
    }
  }
  return found;
}

describe('/api/openapi.json and the problems the server sends', () => {
  it('lists every problem type of the table in the Problem schema', () => {
    const schema = (openApiDocument().components.schemas.Problem as { properties: { type: { enum: string[] } } }).properties.type;
    expect(schema.enum).toEqual(PROBLEM_CODES.map(problemType));
    expect(schema.enum).toContain('/docs#problem-rate-limited');
    expect(schema.enum).toContain('/docs#problem-validation-error');
  });

  it('gives every problem example the type, title and status the server sends for it', () => {
    const examples = problemExamples();
    expect(examples.length).toBeGreaterThanOrEqual(20);
    const byType = new Map(PROBLEM_CODES.map((code) => [problemType(code), PROBLEMS[code]]));
    for (const [path, method, status, example] of examples) {
      const where = `${method} ${path} ${status}`;
      const problem = byType.get(String(example.type));
      expect(problem, where).toBeDefined();
      expect(example, where).toMatchObject({ title: problem!.title, status: problem!.status });
      expect(String(problem!.status), where).toBe(status);
    }
    expect(examples.map(([, , , example]) => example.type)).not.toContain('/docs#problem-too-many-requests');
    expect(examples.map(([, , , example]) => example.type)).not.toContain('/docs#problem-invalid-request');
  });
});
