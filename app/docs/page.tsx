import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { openApiDocument } from '@/lib/api/openapi';
import { PROBLEM_CODES, PROBLEMS, problemAnchor, problemType } from '@/lib/http/problem';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Docs'))('title') };
}

type Json = Record<string, unknown>;

function Example({ value }: { value: unknown }) {
  return (
    <pre className="code">
      <code>{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

const SNIPPETS: Record<string, string> = {
  '/api/v1/iam/check-user-existence/': `curl --request POST \\
  --url http://localhost:3000/api/v1/iam/check-user-existence/ \\
  --header 'Content-Type: application/json' \\
  --data '{"username":"johndoe123"}'`,
  '/api/v1/iam/register/': `curl --request POST \\
  --url http://localhost:3000/api/v1/iam/register/ \\
  --header 'Content-Type: application/json' \\
  --data '{"username":"janedoe42","password":"a long passphrase"}'`,
  '/api/v2/usernames/check/company/{companyId}/{companyUsername}': `curl --request GET \\
    --get "http://localhost:3000/api/v2/usernames/check/company/1/FB1234" \\
    --header "Content-Type: application/json" \\
    --header "Accept: application/json" \\
    --header "Authorization: Bearer {token}"`,
  '/api/v2/usernames/check/company/{companyId}': `curl --request POST \\
    --url "http://localhost:3000/api/v2/usernames/check/company/1" \\
    --header "Content-Type: application/json" \\
    --header "Accept: application/json" \\
    --header "Authorization: Bearer {token}" \\
    --data '{"usernames":["FB1234","FB12345"]}'`,
};

// The reference itself (summaries, descriptions, examples) is the OpenAPI document's, in English, as
// /api/openapi.json says it; the page around it speaks the page's language.
export default function DocsPage() {
  const doc = openApiDocument();
  const t = useTranslations('Docs');
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <div className="docs">
      <h1>{doc.info.title}</h1>
      <p lang="en">{doc.info.description}</p>
      <p>{t.rich('machineReadable', { link: (chunks) => <a href="/api/openapi.json">{chunks}</a> })}</p>
      <section className="card" aria-labelledby="languages">
        <h2 id="languages">{t('languagesHeading')}</h2>
        <p>{t.rich('languages', { code })}</p>
      </section>
      {Object.entries(doc.paths).map(([path, operations]) =>
        Object.entries(operations as Record<string, Json>).map(([method, op]) => (
          <section key={`${method} ${path}`} className="card docs-endpoint" aria-labelledby={String(op.operationId)}>
            <h2 id={String(op.operationId)}>
              <span className="method">{method.toUpperCase()}</span> <code>{path}</code>
            </h2>
            <p lang="en">
              <strong>{String(op.summary)}.</strong> {String(op.description)}
            </p>
            <h3>{t('request')}</h3>
            <Example value={SNIPPETS[path] ?? ''} />
            {(op.requestBody as Json | undefined) ? (
              <Example value={(((op.requestBody as Json).content as Json)['application/json'] as Json).example ?? { username: 'janedoe42', password: 'a long passphrase' }} />
            ) : null}
            <h3>{t('responses')}</h3>
            {Object.entries(op.responses as Record<string, Json>).map(([status, response]) => {
              const content = (response.content ?? {}) as Record<string, Json>;
              return (
                <div key={status} className="docs-response">
                  <h4 lang="en">
                    {status} — {String(response.description)}
                  </h4>
                  {Object.entries(content).map(([type, media]) => (
                    <div key={type}>
                      <p className="muted">
                        <code>{type}</code>
                      </p>
                      {media.examples ? (
                        Object.entries(media.examples as Record<string, { value: unknown }>).map(([name, ex]) => (
                          <div key={name}>
                            <p lang="en">{name}</p>
                            <Example value={ex.value} />
                          </div>
                        ))
                      ) : media.example ? (
                        <Example value={media.example} />
                      ) : null}
                    </div>
                  ))}
                </div>
              );
            })}
          </section>
        )),
      )}
      <section className="card" aria-labelledby="problems">
        <h2 id="problems">{t('problemsHeading')}</h2>
        <p>{t.rich('problems', { code })}</p>
        <dl>
          {PROBLEM_CODES.map((code) => (
            <div key={code} id={problemAnchor(code)}>
              <dt>
                <code>{PROBLEMS[code].status}</code> <span lang="en">{PROBLEMS[code].title}</span>
              </dt>
              <dd className="muted">
                <code>{problemType(code)}</code>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
