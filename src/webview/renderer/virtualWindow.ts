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
