// The "Chart" view of a result: bar, line or scatter of one or more numeric columns (y) against a column (x),
// drawn as SVG in theme colours (styles.ts), no library and nothing inline that the CSP would refuse.

import type { ResultColumn } from '../../shared/resultPayload.js';
import { formatValue, type EncodedValue } from '../../shared/valueEncoding.js';
import { chartableColumns, isNumericType, isWideType, tickText, ticks, toNumber } from './chartData.js';
import { el } from './grid.js';
import { svgEl, svgText, svgTitle } from './svg.js';

type Kind = 'bar' | 'line' | 'scatter';

/** Points drawn at most (the first rows of the result). */
export const MAX_POINTS = 5000;
const W = 720;
const H = 300;
const M = { left: 56, right: 12, top: 10, bottom: 40 };

export class ChartView {
  readonly element = el('div', 'astra-chart');
  private kind: Kind = 'bar';
  private x: number;
  private readonly ys = new Set<number>();
  private readonly plot = el('div', 'astra-chart-plot');
  private readonly note = el('div', 'astra-note');

  constructor(private readonly columns: readonly ResultColumn[], private readonly rows: readonly EncodedValue[][]) {
    const numeric = chartableColumns(columns);
    // x: the first non-numeric column (a label), else the first numeric one; y: the other numeric columns.
    this.x = columns.findIndex((c) => !isNumericType(c.type));
    if (this.x < 0) this.x = numeric[0] ?? 0;
    for (const i of numeric) if (i !== this.x && this.ys.size < 3) this.ys.add(i);
    if (this.ys.size === 0 && numeric[0] !== undefined) this.ys.add(numeric[0]);
    this.kind = isNumericType(columns[this.x]?.type ?? '') ? 'line' : 'bar';
    this.element.append(this.controls(numeric), this.plot, this.note);
    this.draw();
  }

  private controls(numeric: number[]): HTMLElement {
    const bar = el('div', 'astra-chart-controls');
    const kind = select(['bar', 'line', 'scatter'].map((k) => [k, k]), this.kind, (v) => ((this.kind = v as Kind), this.draw()));
    kind.setAttribute('aria-label', 'Chart type');
    const x = select(this.columns.map((c, i) => [String(i), c.name]), String(this.x), (v) => ((this.x = Number(v)), this.draw()));
    x.setAttribute('aria-label', 'x axis column');
    bar.append(label('Chart', kind), label('x', x), text('y'));
    for (const i of numeric) {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = this.ys.has(i);
      box.addEventListener('change', () => {
        if (box.checked) this.ys.add(i);
        else this.ys.delete(i);
        this.draw();
      });
      bar.append(label(this.columns[i]!.name, box, true));
    }
    return bar;
  }

  private draw(): void {
    const rows = this.rows.slice(0, MAX_POINTS);
    const ys = [...this.ys].sort((a, b) => a - b);
    const xNumeric = isNumericType(this.columns[this.x]?.type ?? '') && this.kind !== 'bar';
    const xs = rows.map((r, i) => (xNumeric ? toNumber(r[this.x]) : i));
    const series = ys.map((c) => rows.map((r) => toNumber(r[c])));
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${this.kind} chart` }, 'astra-chart-svg');
    const all = series.flat().filter((v): v is number => v !== null);
    const xv = xs.filter((v): v is number => v !== null);
    if (!all.length || !xv.length) {
      this.plot.replaceChildren(text('No numeric values to draw: pick a y column with numbers.'));
      this.note.textContent = '';
      return;
    }
    const yLo = Math.min(0, ...all);
    const yHi = Math.max(...all, yLo + 1);
    const xLo = Math.min(...xv);
    const xHi = Math.max(...xv, xLo + 1);
    const px = (v: number) => M.left + ((v - xLo) / (xHi - xLo || 1)) * (W - M.left - M.right);
    const py = (v: number) => H - M.bottom - ((v - yLo) / (yHi - yLo || 1)) * (H - M.top - M.bottom);
    for (const t of ticks(yLo, yHi)) {
      svg.append(svgEl('line', { x1: M.left, x2: W - M.right, y1: py(t), y2: py(t) }, 'astra-chart-grid'));
      svg.append(svgText(M.left - 4, py(t) + 4, tickText(t), 'astra-chart-tick', 'end'));
    }
    const xLabel = (i: number) => formatValue(rows[i]?.[this.x] ?? null);
    if (xNumeric) for (const t of ticks(xLo, xHi, 6)) svg.append(svgText(px(t), H - M.bottom + 16, tickText(t), 'astra-chart-tick', 'middle'));
    else {
      const every = Math.max(1, Math.ceil(rows.length / 10));
      for (let i = 0; i < rows.length; i += every) svg.append(svgText(px(i) + this.band(rows.length) / 2, H - M.bottom + 16, clip(xLabel(i)), 'astra-chart-tick', 'middle'));
    }
    svg.append(svgEl('line', { x1: M.left, x2: W - M.right, y1: py(Math.max(yLo, 0)), y2: py(Math.max(yLo, 0)) }, 'astra-chart-axis'));
    series.forEach((values, s) => this.drawSeries(svg, values, xs, s, series.length, px, py, xLabel, ys[s]!));
    this.plot.replaceChildren(svg, this.legend(ys));
    const wide = ys.filter((c) => isWideType(this.columns[c]!.type)).map((c) => this.columns[c]!.name);
    const notes = [
      this.rows.length > MAX_POINTS ? `First ${MAX_POINTS} of ${this.rows.length} rows drawn.` : `${rows.length} row${rows.length === 1 ? '' : 's'} drawn (the rows loaded; Load more adds rows).`,
      wide.length ? `${wide.join(', ')}: exact values are drawn as doubles (about 15–17 significant digits); the grid shows them exactly.` : '',
    ];
    this.note.textContent = notes.filter(Boolean).join(' ');
  }

  private band(n: number): number {
    return n > 0 ? (W - M.left - M.right) / Math.max(n, 1) : 0;
  }

  private drawSeries(
    svg: SVGSVGElement, values: (number | null)[], xs: (number | null)[], s: number, count: number,
    px: (v: number) => number, py: (v: number) => number, xLabel: (i: number) => string, column: number,
  ): void {
    const name = this.columns[column]!.name;
    const cls = `astra-series-${s % 6}`;
    if (this.kind === 'bar') {
      const band = this.band(values.length);
      const w = Math.max(1, (band * 0.8) / count);
      values.forEach((v, i) => {
        if (v === null) return;
        const y0 = py(0);
        const r = svgEl('rect', { x: px(i) + band * 0.1 + s * w, y: Math.min(py(v), y0), width: w, height: Math.max(1, Math.abs(y0 - py(v))) }, `${cls} astra-bar`);
        svgTitle(r, `${xLabel(i)} · ${name}: ${v}`);
        svg.append(r);
      });
      return;
    }
    const pts = values.flatMap((v, i) => (v === null || xs[i] === null ? [] : [[px(xs[i]!), py(v), i, v] as const]));
    if (this.kind === 'line') {
      const sorted = [...pts].sort((a, b) => a[0] - b[0]);
      svg.append(svgEl('polyline', { points: sorted.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' '), fill: 'none' }, `${cls} astra-line`));
    }
    for (const [x, y, i, v] of pts.length > 1500 && this.kind === 'line' ? [] : pts) {
      const c = svgEl('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: this.kind === 'scatter' ? 3 : 2 }, `${cls} astra-point`);
      svgTitle(c, `${xLabel(i)} · ${name}: ${v}`);
      svg.append(c);
    }
  }

  private legend(ys: number[]): HTMLElement {
    const d = el('div', 'astra-chart-legend');
    ys.forEach((c, s) => {
      const item = el('span', `astra-legend-item astra-series-${s % 6}`);
      item.textContent = this.columns[c]!.name;
      d.append(item);
    });
    return d;
  }
}

function select(options: string[][], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = document.createElement('select');
  for (const [v, t] of options) {
    const o = document.createElement('option');
    o.value = v!;
    o.textContent = t!;
    s.append(o);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

function label(name: string, control: HTMLElement, after = false): HTMLElement {
  const l = el('label', 'astra-chart-label');
  const t = el('span');
  t.textContent = name;
  if (after) l.append(control, t);
  else l.append(t, control);
  return l;
}

function text(s: string): HTMLElement {
  const d = el('span', 'astra-note');
  d.textContent = s;
  return d;
}

const clip = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);
