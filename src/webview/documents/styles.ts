// Theme colours only (--vscode-* variables); the same grid look as the notebook result renderer.

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
/* Fixed layout and fixed column widths: rows entering the window never make the browser measure columns again, and
   the header table and the body table stay aligned. Cells are one line (white-space: pre, ellipsis), so every row
   has the height the window is computed from. */
.doc-grid { table-layout: fixed; width: 0; border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size);
  border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.doc-head-table { position: sticky; top: 0; z-index: 1; }
.doc-rows { box-sizing: border-box; }
.doc-body { border-top: none; }
.doc-grid th { background: var(--vscode-editorWidget-background, var(--vscode-editor-background, Canvas)); text-align: left;
  font-weight: normal; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.doc-grid td, .doc-grid th { padding: 0 6px; line-height: 22px; white-space: pre; width: 160px; max-width: 160px; overflow: hidden; text-overflow: ellipsis;
  border-right: 1px solid var(--vscode-panel-border, transparent); }
.doc-grid tr.alt td { background: var(--vscode-list-hoverBackground); }
.doc-grid .num { width: 40px; max-width: 40px; }
.doc-grid .actions { width: 210px; max-width: 210px; }
.doc-grid .score { width: 80px; max-width: 80px; }
.doc-grid td.num { text-align: right; color: var(--vscode-editorLineNumber-foreground); }
.doc-grid td.score { color: var(--vscode-charts-green, var(--vscode-foreground)); }
.doc-grid td.missing { color: var(--vscode-descriptionForeground); }
.doc-actions { display: inline-flex; gap: 2px; }
.doc-actions button { background: none; border: none; color: var(--vscode-textLink-foreground); cursor: pointer; padding: 0 3px; font: inherit; }
.doc-actions button:hover { text-decoration: underline; }
.doc-json { content-visibility: auto; contain-intrinsic-size: auto 160px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); padding: 6px 0; }
.doc-json pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; margin: 4px 0; }
.doc-json .doc-head { display: flex; gap: 8px; color: var(--vscode-descriptionForeground); }
.hidden { display: none !important; }
`;
