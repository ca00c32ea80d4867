// Which rows to put in the DOM for a scroll position. DOM-free so it is unit tested; the grid only applies it.

/** Browsers stop honouring element heights somewhere above 16–33 M px; stay well below and scale beyond. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  /** Extra rows above and below the viewport so fast scrolling does not flash empty space. */
  overscan?: number;
}

export interface RowWindow {
  /** First and one-past-last row index to render. */
  start: number;
  end: number;
  /** translateY of the first rendered row inside the spacer. */
  offsetY: number;
  /** Height of the spacer that gives the scrollbar its range. */
  totalHeight: number;
}

export function spacerHeight(rowCount: number, rowHeight: number): number {
  return Math.min(rowCount * rowHeight, MAX_SCROLL_HEIGHT);
}

export function computeWindow({ scrollTop, viewportHeight, rowHeight, rowCount, overscan = 8 }: WindowInput): RowWindow {
  const totalHeight = spacerHeight(rowCount, rowHeight);
  if (rowCount === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetY: 0, totalHeight };
  const real = rowCount * rowHeight;
  const maxTop = Math.max(0, totalHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  // When the real height is capped, map the scroll fraction onto the full row range.
  const first = real > totalHeight && maxTop > 0
    ? (top / maxTop) * Math.max(0, rowCount - viewportHeight / rowHeight)
    : top / rowHeight;
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, Math.floor(first) - overscan);
  const end = Math.min(rowCount, Math.floor(first) + visible + overscan);
  const offsetY = top - (first - start) * rowHeight;
  return { start, end, offsetY, totalHeight };
}

/** scrollTop that brings `row` into view (minimal movement), for keyboard navigation. */
export function scrollTopFor(row: number, current: number, viewportHeight: number, rowHeight: number, rowCount: number): number {
  const totalHeight = spacerHeight(rowCount, rowHeight);
  const real = rowCount * rowHeight;
  if (real > totalHeight) {
    const maxTop = Math.max(0, totalHeight - viewportHeight);
    const rows = Math.max(1, rowCount - viewportHeight / rowHeight);
    const firstVisible = (current / Math.max(1, maxTop)) * rows;
    const lastVisible = firstVisible + viewportHeight / rowHeight - 1;
    if (row >= firstVisible && row <= lastVisible) return current;
    const target = row < firstVisible ? row : row - viewportHeight / rowHeight + 1;
    return Math.min(maxTop, Math.max(0, (target / rows) * maxTop));
  }
  const top = row * rowHeight;
  if (top < current) return top;
  if (top + rowHeight > current + viewportHeight) return top + rowHeight - viewportHeight;
  return current;
}

export interface RowRange {
  start: number;
  end: number;
}

/** The window to render this frame when the rows it adds are limited to `budget`: every row in view (`needed`)
 *  comes in whatever it costs, rows already rendered stay while they are in `wanted` (the window with overscan),
 *  and overscan rows are added, nearest the viewport first, while fewer than `budget` rows came in. A window that grows by a
 *  lot at once (the first Load more fills the viewport; a jump) is so spread over a few frames instead of one long
 *  frame; the caller paints again until it gets `wanted`. */
export function stepWindow(rendered: RowRange, needed: RowRange, wanted: RowRange, budget: number): RowRange {
  const keptStart = Math.max(rendered.start, wanted.start);
  const keptEnd = Math.min(rendered.end, wanted.end);
  // Rendered rows are kept only when they touch the rows in view: the window is one run of rows, and bridging a
  // gap would add rows nobody sees yet.
  const keep = keptStart < keptEnd && keptStart <= needed.end && keptEnd >= needed.start;
  let start = keep ? Math.min(keptStart, needed.start) : needed.start;
  let end = keep ? Math.max(keptEnd, needed.end) : needed.end;
  let added = end - start - (keep ? keptEnd - keptStart : 0);
  while (added < budget && (start > wanted.start || end < wanted.end)) {
    // Nearest the rows in view first; below first on a tie: that is where a list is read (and Load more appends).
    if (end < wanted.end && (end - needed.end <= needed.start - start || start <= wanted.start)) end++;
    else start--;
    added++;
  }
  return { start, end };
}

/** The rows of different heights that meet the viewport, with `overscan` more on each side. `tops[i]` is where row
 *  i starts and `tops[count]` the total height (increasing), so the window is two binary searches. */
export function offsetWindow(tops: ArrayLike<number>, scrollTop: number, viewportHeight: number, overscan: number): RowRange {
  const count = tops.length - 1;
  if (count <= 0 || viewportHeight <= 0) return { start: 0, end: 0 };
  // First row ending below the top of the viewport, first row starting at or below its bottom.
  const first = firstAbove(tops, 1, count + 1, scrollTop) - 1;
  const last = firstAbove(tops, 0, count, scrollTop + viewportHeight - 1e-6);
  return { start: Math.max(0, Math.min(first, count) - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/** Smallest k in [lo, hi) with tops[k] > y, else hi. */
function firstAbove(tops: ArrayLike<number>, lo: number, hi: number, y: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
