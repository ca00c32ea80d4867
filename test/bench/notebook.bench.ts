// Result renderer benchmark in headless chromium: first paint (median of 5) and scroll frame time at 10,000 and
// 100,000 rows, and how many rows are in the DOM; first paint also for a payload in the plain-JSON form saved
// notebooks hold. (Driver → payload throughput is in all-types.bench.ts.)
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
      const paint = async (opts: Record<string, unknown>) => {
        const runs: { ms: number; syncMs: number }[] = [];
        for (let i = 0; i < 5; i++) {
          await r.page.evaluate(() => (document.body.textContent = ''));
          const ms = await renderRows(r.page, n, opts);
          runs.push({ ms, syncMs: await r.page.evaluate(() => (window as unknown as { astraSyncMs: number }).astraSyncMs) });
        }
        return runs.sort((a, b) => a.ms - b.ms)[2]!;
      };
      const legacy = await paint({ legacy: true });
      const { ms: firstPaint, syncMs } = await paint({});
      // Let the rest of the rows be parsed before measuring scrolling over all of them.
      // (aria-rowcount is the announced total from the start; aria-busy goes when the last row is read.)
      await r.page.waitForFunction(() => {
        const grid = document.querySelector('.astra-grid');
        return !!grid && !grid.closest('[aria-busy]');
      });
      const frames = await r.page.evaluate(async (n) => {
        const grid = document.querySelector('.astra-grid') as HTMLElement;
        // One frame of scrolling through the grid's own path: move, deliver the scroll event, run the animation-frame
        // callback it schedules (captured so it can be timed), force layout.
        const realRaf = window.requestAnimationFrame.bind(window);
        const frame = async (to: number) => {
          // A paint still pending from earlier work (the last parsed rows, the browser's own scroll event) would
          // swallow this step's schedule: let it run first.
          for (let k = 0; k < 2; k++) await new Promise((res) => realRaf(res));
          let painted: FrameRequestCallback | undefined;
          window.requestAnimationFrame = (cb) => ((painted = cb), 0);
          const t0 = performance.now();
          grid.scrollTop = to;
          grid.dispatchEvent(new Event('scroll'));
          painted?.(performance.now());
          void grid.offsetHeight;
          const cost = performance.now() - t0;
          window.requestAnimationFrame = realRaf;
          if (!painted) throw new Error('the grid did not schedule a paint on scroll');
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
        `renderer ${n} rows: first paint median ${firstPaint.toFixed(1)} ms (synchronous part incl. parsing ${syncMs.toFixed(1)} ms; ` +
          `plain-JSON payload as saved notebooks hold it: ${legacy.ms.toFixed(1)} ms); ` +
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
