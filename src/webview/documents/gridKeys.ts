// DOM-free (unit tested): where a key moves the focus in the document grid. Only the rows near the viewport are in
// the DOM, so Tab cannot walk the documents; the arrow keys do, a row at a time, and the grid renders the row first.

export interface GridSpot {
  row: number;
  /** Position of the focused button among its row's buttons. */
  button: number;
}

/** The spot `key` moves to from `at`, or undefined when the grid does not handle the key. */
export function keyTarget(key: string, ctrl: boolean, at: GridSpot, rowCount: number, buttons: number, page: number): GridSpot | undefined {
  const rows: Record<string, number> = {
    ArrowDown: at.row + 1,
    ArrowUp: at.row - 1,
    PageDown: at.row + page,
    PageUp: at.row - page,
  };
  if (ctrl) Object.assign(rows, { Home: 0, End: rowCount - 1 });
  const row = rows[key];
  if (row !== undefined) return { row: Math.max(0, Math.min(rowCount - 1, row)), button: at.button };
  const button = { ArrowRight: at.button + 1, ArrowLeft: at.button - 1, Home: 0, End: buttons - 1 }[key];
  if (button !== undefined) return { row: at.row, button: Math.max(0, Math.min(buttons - 1, button)) };
  return undefined;
}
