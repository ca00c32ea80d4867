// What a COPY run reports while it goes and when it ends, shared by both directions and the progress UI.

export interface CopyProgress {
  rows: number;
  errors: number;
  /** 0–1: share of the file read (import) or of the token ring scanned (export); undefined when unknown. */
  fraction?: number;
}

export interface CopyRunOptions {
  signal?: AbortSignal;
  onProgress?(p: CopyProgress): void;
  /** Driver consistency code for reads and writes (the session's CONSISTENCY); the client's default otherwise. */
  consistency?: number;
}

export interface CopyResult {
  direction: 'to' | 'from';
  file: string;
  rows: number;
  errors: number;
  seconds: number;
  cancelled: boolean;
  /** Why an import stopped early (too many errors). */
  stopped?: string;
  /** The error file, when rows were rejected. */
  errorFile?: string;
  /** Writes retried after overloaded / timeout / rate-limit answers. */
  retries: number;
  /** Options accepted for cqlsh compatibility that had no effect, each with why. */
  notes?: string[];
}

/** The cell's answer: counts, time and rate, and where the rejected rows went. */
export function resultText(r: CopyResult, table: string): string {
  const rate = r.seconds > 0 ? Math.round(r.rows / r.seconds) : r.rows;
  const verb = r.direction === 'to' ? `Exported ${r.rows} row${r.rows === 1 ? '' : 's'} from ${table} to` : `Imported ${r.rows} row${r.rows === 1 ? '' : 's'} from`;
  const lines = [
    `${r.cancelled ? 'Cancelled. ' : ''}${verb} ${r.direction === 'to' ? r.file : `${r.file} into ${table}`} in ${r.seconds.toFixed(3)} s (${rate} rows/s).`,
  ];
  if (r.direction === 'from') lines.push(`${r.errors} row${r.errors === 1 ? '' : 's'} rejected${r.errorFile ? `: see ${r.errorFile}` : '.'}`);
  if (r.retries) lines.push(`${r.retries} write${r.retries === 1 ? '' : 's'} retried after overloaded, timeout or rate-limit answers.`);
  if (r.stopped) lines.push(r.stopped);
  if (r.notes) lines.push(...r.notes);
  return lines.join('\n');
}
