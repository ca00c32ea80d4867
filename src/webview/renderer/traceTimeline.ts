// TRACING ON: the trace events as a timeline, one lane per source node and thread, elapsed µs on the x axis. Each
// step lasts until the next event of its lane; the slowest steps are highlighted. A node filter narrows the lanes.
// The trace comes from the saved output payload, so it still shows after system_traces has expired.

import type { TraceEvent, TraceInfo } from '../../shared/resultPayload.js';
import { tickText, ticks } from './chartData.js';
import { el } from './grid.js';
import { svgEl, svgText, svgTitle } from './svg.js';

export interface TraceStep extends TraceEvent {
  lane: string;
  endUs: number;
}

/** Steps per lane (`source · thread`), each ending at the next event of its lane or at the end of the trace. */
export function traceSteps(t: TraceInfo): TraceStep[] {
  const end = Math.max(t.durationUs ?? 0, ...t.events.map((e) => e.elapsedUs));
  const byLane = new Map<string, TraceEvent[]>();
  for (const e of t.events) {
    const lane = e.thread ? `${e.source} · ${e.thread}` : e.source;
    byLane.set(lane, [...(byLane.get(lane) ?? []), e]);
  }
  const out: TraceStep[] = [];
  for (const [lane, events] of byLane) {
    const sorted = [...events].sort((a, b) => a.elapsedUs - b.elapsedUs);
    sorted.forEach((e, i) => out.push({ ...e, lane, endUs: Math.max(e.elapsedUs, sorted[i + 1]?.elapsedUs ?? end) }));
  }
  return out;
}

/** The longest steps (ties by order): up to three, fewer in a short trace so the highlight still means something. */
export function slowestSteps(steps: readonly TraceStep[], n = Math.max(1, Math.min(3, Math.floor(steps.length / 4)))): Set<TraceStep> {
  return new Set([...steps].sort((a, b) => b.endUs - b.elapsedUs - (a.endUs - a.elapsedUs)).slice(0, n));
}

const LANE_H = 22;
const LABEL_W = 220;
const W = 760;

export function traceTimeline(t: TraceInfo): HTMLElement {
  const wrap = el('div', 'astra-timeline');
  const steps = traceSteps(t);
  if (steps.length === 0) return wrap;
  const sources = [...new Set(steps.map((s) => s.source))];
  const filter = document.createElement('select');
  filter.setAttribute('aria-label', 'Node');
  for (const [v, label] of [['', 'All nodes'], ...sources.map((s) => [s, s])]) {
    const o = document.createElement('option');
    o.value = v!;
    o.textContent = label!;
    filter.append(o);
  }
  const plot = el('div');
  const legend = el('div', 'astra-note');
  const draw = () => {
    const shown = steps.filter((s) => !filter.value || s.source === filter.value);
    plot.replaceChildren(timelineSvg(shown, slowestSteps(steps)));
  };
  filter.addEventListener('change', draw);
  const bar = el('div', 'astra-chart-controls');
  const title = el('span');
  title.textContent = 'Timeline';
  bar.append(title, filter);
  legend.textContent = 'Highlighted: the slowest steps. Each step lasts until the next event of its lane; hover one for its activity and duration.';
  wrap.append(bar, plot, legend);
  draw();
  return wrap;
}

function timelineSvg(steps: TraceStep[], slow: Set<TraceStep>): SVGSVGElement {
  const lanes = [...new Set(steps.map((s) => s.lane))];
  const end = Math.max(1, ...steps.map((s) => s.endUs));
  const h = lanes.length * LANE_H + 30;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${h}`, role: 'img', 'aria-label': 'trace timeline' }, 'astra-timeline-svg');
  const px = (us: number) => LABEL_W + (us / end) * (W - LABEL_W - 10);
  for (const tk of ticks(0, end, 6)) {
    svg.append(svgEl('line', { x1: px(tk), x2: px(tk), y1: 0, y2: h - 20 }, 'astra-chart-grid'));
    svg.append(svgText(px(tk), h - 6, `${tickText(tk)} µs`, 'astra-chart-tick', 'middle'));
  }
  lanes.forEach((lane, i) => {
    const y = i * LANE_H;
    svg.append(svgText(LABEL_W - 6, y + 15, lane.length > 34 ? `${lane.slice(0, 33)}…` : lane, 'astra-chart-tick', 'end'));
    for (const s of steps) {
      if (s.lane !== lane) continue;
      const r = svgEl('rect', { x: px(s.elapsedUs), y: y + 3, width: Math.max(2, px(s.endUs) - px(s.elapsedUs)), height: LANE_H - 6 },
        slow.has(s) ? 'astra-step astra-step-slow' : 'astra-step');
      svgTitle(r, `${s.activity}\n${s.elapsedUs}–${s.endUs} µs (${s.endUs - s.elapsedUs} µs) · ${lane}`);
      svg.append(r);
    }
  });
  return svg;
}
