// Copying selected grid cells. A cut cell (cellFit.ts) shows only part of its value, so the browser's own copy would
// put "abc…" on the clipboard: when the selection takes in a cut cell, the copy is the whole values of the cells
// selected instead, a tab between cells and a line per row, rows in document order (the DOM's is not: rowSlots.ts).

/** `rows`: position → the element showing it. Writes the clipboard, or leaves the copy to the browser. */
export function copyCells(e: ClipboardEvent, rows: ReadonlyMap<number, HTMLElement>): void {
  const selection = document.getSelection();
  if (!e.clipboardData || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  const picked = [...rows].filter(([, row]) => range.intersectsNode(row)).sort(([a], [b]) => a - b);
  let cut = false;
  const lines = picked.map(([, row]) => {
    const cells = [...row.children].filter((c) => !c.classList.contains('actions') && range.intersectsNode(c));
    return cells.map((c) => {
      const whole = c.getAttribute('aria-label');
      if (whole !== null) cut = true;
      return whole ?? c.textContent ?? '';
    }).join('\t');
  });
  if (!cut) return;
  e.clipboardData.setData('text/plain', lines.join('\n'));
  e.preventDefault();
}
