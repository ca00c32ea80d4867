// Result renderer benchmark in headless chromium: first paint and scroll frame time at 10,000 and 100,000 rows,
// and how many rows are in the DOM. (Driver → payload throughput is in all-types.bench.ts.)
import { chromiumAvailable, openRenderer, renderRows } from '../integration/rendererHarness.js';

async function rendererBench(): Promise<void> {
  if (!chromiumAvailable()) {
    console.log('renderer: skipped (no chromium)');
    return;
  }
  // A fresh page per size so earlier results do not weigh on the heap of later ones.
  for (const n of [10_000, 100_000]) {
    const r = await openRenderer();
    try {
      await renderRows(r.page, 100); // warm-up: parse and JIT the bundle once
      await r.page.evaluate(() => (document.body.textContent = ''));
      const firstPaint = await renderRows(r.page, n);
      const syncMs = await r.page.evaluate(() => (window as unknown as { astraSyncMs: number }).astraSyncMs);
      const frames = await r.page.evaluate(async (n) => {
        const grid = document.querySelector('.astra-grid') as HTMLElement;
        const view = (window as unknown as { astraEl: { astraView?: { gridView?: { renderNow(): void } } } }).astraEl.astraView;
        if (!view?.gridView) throw new Error('no grid view exposed on the output element');
        const gridView = view.gridView;
        // One frame of scrolling: move, paint the rows now in view (as the rAF handler does), force layout.
        const frame = async (to: number) => {
          const t0 = performance.now();
          grid.scrollTop = to;
          gridView.renderNow();
          void grid.offsetHeight;
          const cost = performance.now() - t0;
          await new Promise((res) => requestAnimationFrame(res));
          return cost;
        };
        const wheel: number[] = [];
        for (let i = 1; i <= 120; i++) wheel.push(await frame(i * 110)); // ~5 rows per frame, like a mouse wheel
        const jump: number[] = [];
        for (let i = 1; i <= 60; i++) jump.push(await frame(Math.floor((i / 60) * n * 22))); // dragging the scrollbar
        const stats = (xs: number[]) => {
          const sorted = [...xs].sort((a, b) => a - b);
          return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]! };
        };
        return {
          wheel: stats(wheel),
          jump: stats(jump),
          domRows: document.querySelectorAll('.astra-body .astra-row').length,
          allElements: document.getElementsByTagName('*').length,
        };
      }, n);
      const f = (x: { median: number; p95: number }) => `median ${x.median.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms`;
      console.log(
        `renderer ${n} rows: first paint ${firstPaint.toFixed(1)} ms (synchronous part incl. JSON.parse ${syncMs.toFixed(1)} ms); ` +
          `scroll frame work: wheel ${f(frames.wheel)}; scrollbar jumps ${f(frames.jump)}; ` +
          `DOM rows ${frames.domRows} (elements in document: ${frames.allElements})`,
      );
    } finally {
      await r.close();
    }
  }
}

async function main(): Promise<void> {
  await rendererBench();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
