'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  APPLIED_STATUSES,
  IMPORT_COLUMNS,
  IMPORT_STATUSES,
  setupLinksCsv,
  type ImportPreview,
  type ImportResult,
} from '@/lib/companies/import/format';

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
function send(url: string, file: File, onUpload: (fraction: number) => void, failedMessage: string): Promise<Answer> {
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
    xhr.onerror = () => reject(new Error(failedMessage));
    xhr.send(file);
  });
}

/** The problem's detail (English, as the import routes' problem bodies are), or the status. */
function problemDetail(answer: Answer, t: ReturnType<typeof useTranslations<'Admin'>>): string {
  const body = answer.body as { detail?: string } | null;
  return body?.detail ?? t('importServerAnswered', { status: answer.status });
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
  const t = useTranslations('Admin');
  const router = useRouter();
  const uploadFailed = t('importUploadFailed');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputId = `import-file-${companyId}`;
  const base = `/admin/companies/${companyId}/import`;

  async function runPreview() {
    if (!file) return;
    setPhase({ kind: 'busy', label: t('importUploading'), progress: 0 });
    try {
      const answer = await send(
        `${base}/preview`,
        file,
        (f) => setPhase(f < 1 ? { kind: 'busy', label: t('importUploading'), progress: f * 0.5 } : { kind: 'busy', label: t('importChecking'), progress: null }),
        uploadFailed,
      );
      if (answer.status !== 200) return setPhase({ kind: 'error', message: problemDetail(answer, t) });
      setPhase({ kind: 'previewed', preview: answer.body as ImportPreview });
    } catch (error) {
      setPhase({ kind: 'error', message: (error as Error).message });
    }
  }

  async function apply(previewed: ImportPreview) {
    if (!file) return;
    setPhase({ kind: 'busy', label: t('importUploading'), progress: 0 });
    try {
      const answer = await send(
        `${base}/apply`,
        file,
        (f) =>
          setPhase(
            f < 1
              ? { kind: 'busy', label: t('importUploading'), progress: f * 0.5 }
              : { kind: 'busy', label: t('importApplying', { count: previewed.valid }), progress: null },
          ),
        uploadFailed,
      );
      if (answer.status !== 200) return setPhase({ kind: 'error', message: problemDetail(answer, t), preview: previewed });
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
        ? t('importChecked', { total: phase.preview.total, ms: phase.preview.elapsedMs, valid: phase.preview.valid, problems: phase.preview.problemsTotal })
        : phase.kind === 'applied'
          ? t('importDone', {
              created: phase.result.created,
              invited: phase.result.invited,
              updated: phase.result.updated,
              unchanged: phase.result.unchanged,
              skipped: phase.result.skipped,
            })
          : phase.kind === 'error'
            ? phase.message
            : '';
  const shown = phase.kind === 'previewed' ? phase.preview : phase.kind === 'error' ? phase.preview : undefined;

  return (
    <div className="admin-import">
      <div className="field">
        <label htmlFor={inputId}>{t('importFile')}</label>
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
          {t('importPreview')}
        </button>
        {phase.kind === 'previewed' && phase.preview.valid > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => apply(phase.preview)}>
            {t('importApply', { count: phase.preview.valid })}
          </button>
        ) : null}
      </div>
      {phase.kind !== 'idle' ? (
        <div className="admin-progress">
          <progress max={1} value={progressValue ?? undefined} aria-label={t('importProgress')} />
        </div>
      ) : null}
      <p className={phase.kind === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite" data-testid="import-status">
        {statusText}
      </p>
      {phase.kind === 'applied' && phase.result.setupLinks.length > 0 ? (
        <div className="admin-once">
          <p>{t.rich('importSetupLinks', { count: phase.result.setupLinks.length, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <button type="button" className="button secondary small" onClick={() => downloadSetupLinks(phase.result)}>
            {t('importDownloadLinks')}
          </button>
        </div>
      ) : null}
      {shown ? <PreviewTable preview={shown} /> : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const t = useTranslations('Admin');
  return (
    <div className="admin-preview">
      <ul className="admin-counts" aria-label={t('importRowsByResult')}>
        {IMPORT_STATUSES.filter((s) => preview.counts[s] > 0).map((s) => (
          <li key={s} data-status={s} className={APPLIED_STATUSES.includes(s) ? 'ok' : 'bad'}>
            {t.rich('importCount', { status: s, count: preview.counts[s], strong: (chunks) => <strong>{chunks}</strong> })}
          </li>
        ))}
      </ul>
      {preview.problemsShown < preview.problemsTotal ? (
        <p className="muted">{t('importShowing', { shown: preview.problemsShown, total: preview.problemsTotal })}</p>
      ) : null}
      <div className="table-wrap">
        <table className="admin-table admin-preview-table">
          <caption className="sr-only">{t('importPreviewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importRow')}</th>
              <th scope="col">{IMPORT_COLUMNS.username}</th>
              <th scope="col">{IMPORT_COLUMNS.companyUsername}</th>
              <th scope="col">{t('importResult')}</th>
              <th scope="col">{t('importWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} data-status={r.status}>
                <td data-label={t('importRow')}>{r.row}</td>
                <td data-label={IMPORT_COLUMNS.username}>{r.username ? <bdi>{r.username}</bdi> : <span className="muted">{t('importNewAccount')}</span>}</td>
                <td data-label={IMPORT_COLUMNS.companyUsername}>
                  <code dir="auto">{r.companyUsername}</code>
                </td>
                <td data-label={t('importResult')} className={APPLIED_STATUSES.includes(r.status) ? 'admin-ok' : 'admin-error'}>
                  {t('importStatus', { status: r.status })}
                </td>
                <td data-label={t('importWhy')}>
                  {/* The row's reason is written by the import (lib/companies/import/classify.ts), in English. */}
                  <span lang="en">{r.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
