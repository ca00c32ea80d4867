// Theme colours only (--vscode-* variables); the same grid look as the notebook result renderer.

/** Grid cell widths in px by kind: the styles below size the cells, the table sums them for `--doc-width`. */
export const CELL_WIDTHS = { num: 48, actions: 210, score: 90, column: 160 } as const;
/** Each cell's padding left and right, and its right border: what is left of the width is the text's. */
export const CELL_PADDING = 6;
export const CELL_BORDER = 1;
/** The row buttons' padding left and right, and the gap between two: the table sizes the actions cell from them. */
export const ACTION_BUTTON = { padding: 3, gap: 2 } as const;

export const DOCUMENT_STYLES = `
body { padding: 0 12px 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.doc-title { margin: 10px 0 6px; color: var(--vscode-descriptionForeground); }
.doc-title b { color: var(--vscode-foreground); }
.doc-form { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 6px 8px; align-items: center; max-width: 1100px; }
.doc-form label { color: var(--vscode-descriptionForeground); }
.doc-form .wide { grid-column: 2 / span 3; }
.doc-form vscode-textfield, .doc-form vscode-textarea { width: 100%; font-family: var(--vscode-editor-font-family); }
.doc-bar { display: flex; gap: 8px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.doc-note { color: var(--vscode-descriptionForeground); margin-left: auto; }
.doc-error { color: var(--vscode-errorForeground); white-space: pre-wrap; margin: 6px 0; }
/* Div rows of one fixed height, cells of fixed widths by kind (CELL_WIDTHS; --doc-width, set by the table, is their
   sum): a row coming into view is laid out and painted on its own (contain: strict), never the whole grid, and its
   cells are a row of fixed boxes (flex, no grid track sizing: a row laid out costs its text). Cells are one line
   (white-space: pre, ellipsis). The header's cells have the same kinds, so it stays aligned with the cells. */
.doc-grid { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.doc-row { display: flex; width: var(--doc-width); height: 22px; line-height: 22px; box-sizing: border-box; }
.doc-header { position: sticky; top: 0; z-index: 1; background: var(--vscode-editorWidget-background, var(--vscode-editor-background, Canvas));
  color: var(--vscode-descriptionForeground); border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); width: calc(var(--doc-width) + 2px); }
.doc-rows-box { position: relative; contain: strict; width: var(--doc-width); border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); border-top: none; }
/* The rows' container: its size never changes with the number of rows (the box's height does), so rows are not laid
   out again when more are loaded. No paint containment: the rows reach below it, the box clips them. */
.doc-rows { position: absolute; top: 0; left: 0; width: var(--doc-width); height: 0; contain: layout style; }
.doc-rows > .doc-row { position: absolute; top: 0; left: 0; contain: strict; scroll-margin: 24px 0 4px; }
/* No overflow clip on the rows' cells: their text is cut to fit (cellFit.ts), a clip per cell made scrolling drop frames. */
.doc-cell { flex: none; width: ${CELL_WIDTHS.column}px; box-sizing: border-box; padding: 0 ${CELL_PADDING}px; white-space: pre;
  border-right: ${CELL_BORDER}px solid var(--vscode-panel-border, transparent); }
.doc-cell.num { width: ${CELL_WIDTHS.num}px; }
/* As wide as its buttons in the grid's font (documentTable.ts), the default until they are measured. */
.doc-cell.actions { width: var(--doc-actions-width, ${CELL_WIDTHS.actions}px); }
.doc-cell.score { width: ${CELL_WIDTHS.score}px; }
.doc-header .doc-cell { height: 20px; line-height: 20px; overflow: hidden; text-overflow: ellipsis; }
.doc-rows > .doc-row.alt { background: var(--vscode-list-hoverBackground); }
.doc-rows .num { text-align: right; color: var(--vscode-editorLineNumber-foreground); }
.doc-header .num { text-align: right; }
.doc-rows .score { color: var(--vscode-charts-green, var(--vscode-foreground)); }
.doc-rows .missing { color: var(--vscode-descriptionForeground); }
.doc-actions button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.doc-actions { display: inline-flex; gap: ${ACTION_BUTTON.gap}px; }
.doc-actions button { background: none; border: none; color: var(--vscode-textLink-foreground); cursor: pointer; padding: 0 ${ACTION_BUTTON.padding}px; font: inherit; }
.doc-actions button:hover { text-decoration: underline; }
/* JSON blocks of a height known from their line count (jsonView.ts): lines never wrap, a long one scrolls sideways
   inside its block, whose height keeps room for that scrollbar. --doc-json-line is the measured line height. */
.doc-json-bar { display: flex; gap: 8px; align-items: center; padding: 4px 0; position: sticky; top: 0; z-index: 1;
  background: var(--vscode-editor-background, Canvas); }
.doc-json-bar button { background: none; border: none; color: var(--vscode-textLink-foreground); cursor: pointer; padding: 0 3px; font: inherit; }
.doc-json-probe { position: absolute; visibility: hidden; overflow-x: scroll; margin: 0; padding: 0; line-height: 1.5;
  font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.doc-json-box { position: relative; contain: strict; width: 100%; }
.doc-json { position: absolute; top: 0; left: 0; right: 0; box-sizing: border-box; padding: 6px 0; contain: strict; display: flex; flex-direction: column;
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); scroll-margin: 32px 0 4px; }
.doc-json .doc-head { flex: none; display: flex; gap: 8px; height: var(--doc-json-line); line-height: var(--doc-json-line); overflow: hidden; white-space: pre;
  color: var(--vscode-descriptionForeground); }
.doc-json pre { flex: 1; min-height: 0; margin: 4px 0 0; white-space: pre; overflow-x: auto; overflow-y: hidden; line-height: var(--doc-json-line);
  font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.hidden { display: none !important; }
/* An element of a windowed list waiting to be reused: hidden, but kept laid out (display: none would drop that). */
.doc-spare { visibility: hidden; }
`;
