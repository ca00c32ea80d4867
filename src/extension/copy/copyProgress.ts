// A COPY run inside a cancellable progress notification: rows so far, rows/s and the time left (from the share of
// the file read or of the token ring scanned). Cancelling there or stopping the cell both end the run cleanly.

import * as vscode from 'vscode';
import type { CopyProgress, CopyResult, CopyRunOptions } from './copyResult.js';

export function withCopyProgress(
  title: string, signal: AbortSignal | undefined, body: (run: CopyRunOptions) => Promise<CopyResult>,
): Promise<CopyResult> {
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const stop = () => abort.abort();
      const sub = token.onCancellationRequested(stop);
      signal?.addEventListener('abort', stop, { once: true });
      const started = performance.now();
      let shown = 0;
      try {
        return await body({
          signal: abort.signal,
          onProgress: (p) => {
            const percent = Math.min(100, Math.floor((p.fraction ?? 0) * 100));
            progress.report({ message: progressText(p, (performance.now() - started) / 1000), increment: percent - shown });
            shown = percent;
          },
        });
      } finally {
        sub.dispose();
        signal?.removeEventListener('abort', stop);
      }
    },
  ));
}

export function progressText(p: CopyProgress, seconds: number): string {
  const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
  const parts = [`${p.rows.toLocaleString('en-US')} rows`, `${rate.toLocaleString('en-US')} rows/s`];
  if (p.errors) parts.push(`${p.errors} rejected`);
  if (p.fraction !== undefined && p.fraction > 0.01 && p.fraction < 1) parts.push(`about ${formatSeconds(seconds * (1 - p.fraction) / p.fraction)} left`);
  return parts.join(' · ');
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
