'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  APPLIED_STATUSES,
  describeImportResult,
  IMPORT_STATUS_LABELS,
  IMPORT_STATUSES,
  setupLinksCsv,
  type ImportPreview,
  type ImportResult,
} from '@/lib/companies/import/format';
import { plural } from '@/lib/format';

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; progress: number | null }
  | { kind: 'previewed'; preview: ImportPreview }
  | { kind: 'applied'; result: ImportResult }
  | { kind: 'error'; message: string; preview?: ImportPreview };

interface Answer {
  status: number;
  body: unknown;
}

/** POSTs the file, reporting the upload's progress; XHR because fetch cannot report it. */
function send(url: string, file: File, onUpload: (fraction: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload(e.loaded / e.total);
    };
    xhr.upload.onload = () => onUpload(1);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('The upload failed. Check the connection and try again.'));
    xhr.send(file);
  });
}

function problemDetail(answer: Answer): string {
  const body = answer.body as { detail?: string } | null;
  return body?.detail ?? `The server answered ${answer.status}.`;
}

function downloadSetupLinks(result: ImportResult) {
  const url = URL.createObjectURL(new Blob([setupLinksCsv(result.setupLinks, window.location.origin)], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'setup-links.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Import company usernames from a CSV file: preview every row, then apply the valid ones together. */
export function CsvImport({ companyId }: { companyId: number }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputId = `import-file-${companyId}`;
  const base = `/admin/companies/${companyId}/import`;

  async function runPreview() {
    if (!file) return;
    setPhase({ kind: 'busy', label: 'Uploading…', progress: 0 });
    try {
      const answer = await send(`${base}/preview`, file, (f) =>
        setPhase(f < 1 ? { kind: 'busy', label: 'Uploading…', progress: f * 0.5 } : { kind: 'busy', label: 'Checking every row…', progress: null }),
      );
      if (answer.status !== 200) return setPhase({ kind: 'error', message: problemDetail(answer) });
      setPhase({ kind: 'previewed', preview: answer.body as ImportPreview });
    } catch (error) {
      setPhase({ kind: 'error', message: (error as Error).message });
    }
  }

  async function apply(previewed: ImportPreview) {
    if (!file) return;
    setPhase({ kind: 'busy', label: 'Uploading…', progress: 0 });
    try {
      const answer = await send(`${base}/apply`, file, (f) =>
        setPhase(
          f < 1
            ? { kind: 'busy', label: 'Uploading…', progress: f * 0.5 }
            : { kind: 'busy', label: `Applying ${previewed.valid.toLocaleString('en')} rows in one transaction…`, progress: null },
        ),
      );
      if (answer.status !== 200) return setPhase({ kind: 'error', message: problemDetail(answer), preview: previewed });
      setPhase({ kind: 'applied', result: answer.body as ImportResult });
      router.refresh();
    } catch (error) {
      setPhase({ kind: 'error', message: (error as Error).message, preview: previewed });
    }
  }

  const busy = phase.kind === 'busy';
  const progressValue = phase.kind === 'busy' ? phase.progress : phase.kind === 'idle' ? 0 : 1;
  const statusText =
    phase.kind === 'busy'
      ? phase.label
      : phase.kind === 'previewed'
        ? `Checked ${plural(phase.preview.total, 'row')} in ${phase.preview.elapsedMs} ms: ${phase.preview.valid.toLocaleString('en')} can be applied, ${phase.preview.problemsTotal.toLocaleString('en')} ${phase.preview.problemsTotal === 1 ? 'has' : 'have'} problems.`
        : phase.kind === 'applied'
          ? `Done: ${describeImportResult(phase.result)}.`
          : phase.kind === 'error'
            ? phase.message
            : '';
  const shown = phase.kind === 'previewed' ? phase.preview : phase.kind === 'error' ? phase.preview : undefined;

  return (
    <div className="admin-import">
      <div className="field">
        <label htmlFor={inputId}>CSV file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
        />
      </div>
      <div className="admin-inline">
        <button type="button" className="button secondary" disabled={!file || busy} onClick={runPreview}>
          Preview
        </button>
        {phase.kind === 'previewed' && phase.preview.valid > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => apply(phase.preview)}>
            Apply {plural(phase.preview.valid, 'valid row')}
          </button>
        ) : null}
      </div>
      {phase.kind !== 'idle' ? (
        <div className="admin-progress">
          <progress max={1} value={progressValue ?? undefined} aria-label="Import progress" />
        </div>
      ) : null}
      <p className={phase.kind === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite" data-testid="import-status">
        {statusText}
      </p>
      {phase.kind === 'applied' && phase.result.setupLinks.length > 0 ? (
        <div className="admin-once">
          <p>
            <strong>{plural(phase.result.setupLinks.length, 'setup link')}</strong> for the new accounts — shown only now. Download them and send each
            person theirs.
          </p>
          <button type="button" className="button secondary small" onClick={() => downloadSetupLinks(phase.result)}>
            Download setup links (CSV)
          </button>
        </div>
      ) : null}
      {shown ? <PreviewTable preview={shown} /> : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <div className="admin-preview">
      <ul className="admin-counts" aria-label="Rows by result">
        {IMPORT_STATUSES.filter((s) => preview.counts[s] > 0).map((s) => (
          <li key={s} data-status={s} className={APPLIED_STATUSES.includes(s) ? 'ok' : 'bad'}>
            {IMPORT_STATUS_LABELS[s]}: <strong>{preview.counts[s].toLocaleString('en')}</strong>
          </li>
        ))}
      </ul>
      {preview.problemsShown < preview.problemsTotal ? (
        <p className="muted">
          Showing the first {preview.problemsShown.toLocaleString('en')} of {preview.problemsTotal.toLocaleString('en')} rows with problems.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="admin-table admin-preview-table">
          <caption className="sr-only">Import preview</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">username</th>
              <th scope="col">company_username</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} data-status={r.status}>
                <td data-label="Row">{r.row}</td>
                <td data-label="username">{r.username || <span className="muted">(new account)</span>}</td>
                <td data-label="company_username">
                  <code>{r.companyUsername}</code>
                </td>
                <td data-label="Result" className={APPLIED_STATUSES.includes(r.status) ? 'admin-ok' : 'admin-error'}>
                  {IMPORT_STATUS_LABELS[r.status]}
                </td>
                <td data-label="Why">{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
