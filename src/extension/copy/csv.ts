// CSV as COPY reads and writes it: a streaming reader (text arrives in chunks of any size; quoted fields may hold
// delimiters, quotes and line breaks) and the matching field writer. A quoted empty field is the empty string and
// an unquoted one is null (or whatever NULL says), so the two survive a round trip.

export interface CsvDialect {
  delimiter: string;
  quote: string;
  /** Undefined: quotes are doubled inside quoted fields; else this character escapes the next one. */
  escape: string | undefined;
}

export interface CsvRecord {
  fields: string[];
  /** Which fields were quoted (a quoted field is never null). */
  quoted: boolean[];
  /** 1-based line of the file where the record starts. */
  line: number;
}

/** Push text in, take whole records out; `end()` flushes the last record (error when a quote is left open). */
export class CsvReader {
  private buf = '';
  private line = 1;
  /** Line breaks inside records already returned, counted as `buf` is consumed. */
  constructor(private readonly d: CsvDialect) {}

  push(text: string): CsvRecord[] {
    this.buf = this.buf ? this.buf + text : text;
    return this.parse(false);
  }

  end(): CsvRecord[] {
    const out = this.parse(true);
    if (this.buf !== '') throw new Error(`line ${this.line}: a quoted field is not closed before the end of the file`);
    return out;
  }

  /** Parses complete records from `buf`; with `final`, the text left is one last record even without a newline. */
  private parse(final: boolean): CsvRecord[] {
    const { delimiter, quote, escape } = this.d;
    const s = this.buf;
    const n = s.length;
    const out: CsvRecord[] = [];
    let pos = 0;
    let line = this.line;
    // Next escape character at or after the scan position (-1: none left in the text), found once per stretch.
    let escAt = escape === undefined ? -1 : -2;
    records: while (pos < n) {
      const start = pos;
      const startLine = line;
      const fields: string[] = [];
      const quoted: boolean[] = [];
      let breaks = 0;
      for (;;) {
        if (s[pos] === quote) {
          let text = '';
          let i = pos + 1;
          for (;;) {
            if (i >= n) {
              if (final) throw new Error(`line ${startLine}: a quoted field is not closed before the end of the file`);
              pos = start;
              break records;
            }
            // Runs of plain text are copied whole (the common case: no quotes or escapes inside).
            const q = s.indexOf(quote, i);
            if (escape !== undefined && escAt !== -1 && escAt < i) escAt = s.indexOf(escape, i);
            const stopAt = Math.min(q < 0 ? n : q, escAt < 0 ? n : escAt);
            if (stopAt > i) {
              const run = s.slice(i, stopAt);
              for (let k = run.indexOf('\n'); k >= 0; k = run.indexOf('\n', k + 1)) breaks++;
              text += run;
              i = stopAt;
              continue;
            }
            const c = s[i]!;
            if (escape !== undefined && c === escape) {
              if (i + 1 >= n && !final) { pos = start; break records; }
              text += s[i + 1] ?? '';
              i += 2;
              continue;
            }
            if (c === quote) {
              if (escape === undefined && s[i + 1] === quote) { text += quote; i += 2; continue; }
              if (i + 1 >= n && !final) { pos = start; break records; }
              break;
            }
          }
          fields.push(text);
          quoted.push(true);
          pos = i + 1;
          // Text after the closing quote up to the delimiter is kept, as Python's csv module does.
          while (pos < n && s[pos] !== delimiter && s[pos] !== '\n' && s[pos] !== '\r') fields[fields.length - 1] += s[pos++];
        } else {
          let i = pos;
          while (i < n && s[i] !== delimiter && s[i] !== '\n' && s[i] !== '\r') i++;
          if (i >= n && !final) { pos = start; break records; }
          fields.push(s.slice(pos, i));
          quoted.push(false);
          pos = i;
        }
        if (pos >= n) {
          if (!final) { pos = start; break records; }
          break;
        }
        if (s[pos] === delimiter) { pos++; continue; }
        // End of record: \n, \r\n or \r.
        if (s[pos] === '\r') {
          if (pos + 1 >= n && !final) { pos = start; break records; }
          pos += s[pos + 1] === '\n' ? 2 : 1;
        } else pos++;
        breaks++;
        break;
      }
      line += breaks;
      if (fields.length === 1 && !quoted[0] && fields[0] === '') continue; // blank line
      out.push({ fields, quoted, line: startLine });
    }
    this.buf = pos >= n ? '' : s.slice(pos);
    this.line = line;
    return out;
  }
}

const SPECIAL = new Map<string, RegExp>();

/** Characters that force quoting in this dialect (plus leading / trailing space), compiled once per dialect. */
function special(d: CsvDialect): RegExp {
  const key = `${d.delimiter}${d.quote}${d.escape ?? ''}`;
  let re = SPECIAL.get(key);
  if (!re) {
    const chars = [d.delimiter, d.quote, ...(d.escape === undefined ? [] : [d.escape])].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
    SPECIAL.set(key, (re = new RegExp(`[${chars}\\r\\n]|^\\s|\\s$`)));
  }
  return re;
}

/** One field as written: null as the NULL text; quoted when it would otherwise read back differently. */
export function csvFieldText(value: string | null, d: CsvDialect, nullText: string): string {
  if (value === null) return nullText;
  if (value !== '' && value !== nullText && !special(d).test(value)) return value;
  const { quote, escape } = d;
  const body = escape === undefined ? value.split(quote).join(quote + quote) : value.split(escape).join(escape + escape).split(quote).join(escape + quote);
  return quote + body + quote;
}

export function csvLine(values: readonly (string | null)[], d: CsvDialect, nullText: string): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += d.delimiter;
    out += csvFieldText(values[i]!, d, nullText);
  }
  return `${out}\n`;
}
