// Theme colours only (--vscode-* variables), installed once per output webview document.

const CSS = `
.astra-result { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
.astra-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0 6px; }
.astra-meta { color: var(--vscode-descriptionForeground); margin-left: auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.astra-note { color: var(--vscode-descriptionForeground); font-style: italic; }
.astra-warning { color: var(--vscode-editorWarning-foreground); margin: 2px 0; white-space: pre-wrap; }
.astra-error { color: var(--vscode-errorForeground); margin: 2px 0; }
.astra-grid { position: relative; overflow: auto; overflow-anchor: none; max-height: 420px; min-height: 48px; outline: none;
  border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.astra-grid:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.astra-row { display: grid; grid-template-columns: var(--astra-cols); width: var(--astra-width); height: 22px; }
.astra-body .astra-row { position: absolute; top: 0; left: 0; contain: layout style paint; }
.astra-header { position: sticky; top: 0; z-index: 2; height: 34px; background: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
.astra-spacer { position: relative; width: var(--astra-width); }
.astra-body { position: absolute; top: 0; left: 0; will-change: transform; }
.astra-body .astra-odd { background: var(--vscode-list-hoverBackground); }
.astra-cell { padding: 0 6px; line-height: 22px; white-space: pre; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid var(--vscode-panel-border, transparent); }
.astra-hcell { position: relative; display: flex; flex-direction: column; line-height: 16px; padding-top: 1px; }
.astra-hname { font-weight: 600; overflow: hidden; text-overflow: ellipsis; }
.astra-htype { color: var(--vscode-descriptionForeground); font-size: 0.9em; overflow: hidden; text-overflow: ellipsis; }
.astra-resize { position: absolute; top: 0; right: -3px; width: 6px; height: 100%; cursor: col-resize; z-index: 3; }
.astra-resize:hover { background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder)); }
.astra-rownum { color: var(--vscode-editorLineNumber-foreground); text-align: right; }
.astra-null { color: var(--vscode-descriptionForeground); font-style: italic; }
.astra-trunc { color: var(--vscode-textLink-foreground); }
.astra-focus { outline: 1px dotted var(--vscode-focusBorder); outline-offset: -1px; }
.astra-grid:focus .astra-focus { outline-style: solid; background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.astra-detail { margin-top: 6px; border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); padding: 6px; }
.astra-detail pre, .astra-json, .astra-records { margin: 0; white-space: pre-wrap; word-break: break-all; max-height: 360px; overflow: auto;
  font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.astra-trace { margin-top: 6px; }
.astra-trace table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.astra-trace td, .astra-trace th { padding: 1px 8px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.astra-chart-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 4px 0; }
.astra-chart-controls select, .astra-chart-controls input { font: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent); }
.astra-chart-label { display: inline-flex; align-items: center; gap: 4px; }
.astra-chart-svg, .astra-timeline-svg { width: 100%; max-width: 900px; height: auto; display: block; }
.astra-chart-grid { stroke: var(--vscode-panel-border, var(--vscode-editorWidget-border)); stroke-width: 0.5; }
.astra-chart-axis { stroke: var(--vscode-foreground); stroke-width: 1; }
.astra-chart-tick { fill: var(--vscode-descriptionForeground); font-size: 10px; font-family: var(--vscode-font-family); }
.astra-line { fill: none; stroke-width: 1.5; }
.astra-series-0 { fill: var(--vscode-charts-blue); stroke: var(--vscode-charts-blue); color: var(--vscode-charts-blue); }
.astra-series-1 { fill: var(--vscode-charts-orange); stroke: var(--vscode-charts-orange); color: var(--vscode-charts-orange); }
.astra-series-2 { fill: var(--vscode-charts-green); stroke: var(--vscode-charts-green); color: var(--vscode-charts-green); }
.astra-series-3 { fill: var(--vscode-charts-purple); stroke: var(--vscode-charts-purple); color: var(--vscode-charts-purple); }
.astra-series-4 { fill: var(--vscode-charts-yellow); stroke: var(--vscode-charts-yellow); color: var(--vscode-charts-yellow); }
.astra-series-5 { fill: var(--vscode-charts-red); stroke: var(--vscode-charts-red); color: var(--vscode-charts-red); }
.astra-line.astra-series-0, .astra-line.astra-series-1, .astra-line.astra-series-2, .astra-line.astra-series-3, .astra-line.astra-series-4, .astra-line.astra-series-5 { fill: none; }
.astra-chart-legend { display: flex; gap: 12px; }
.astra-legend-item::before { content: '■ '; }
.astra-step { fill: var(--vscode-charts-blue); opacity: 0.75; }
.astra-step-slow { fill: var(--vscode-charts-red); opacity: 1; }
.astra-timeline { margin: 4px 0 8px; }
.astra-textbutton { background: none; border: none; padding: 0 4px; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; }
.astra-staged { background: var(--vscode-diffEditor-insertedTextBackground, var(--vscode-editor-findMatchHighlightBackground)) !important; font-weight: 600; }
.astra-deleted { text-decoration: line-through; background: var(--vscode-diffEditor-removedTextBackground, var(--vscode-inputValidation-errorBackground)) !important; }
.astra-editbar { margin: 2px 0 4px; }
.astra-edit-actions { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.astra-celleditor, .astra-newrow { margin: 4px 0; padding: 6px; border: 1px solid var(--vscode-focusBorder); display: flex; flex-direction: column; gap: 4px; }
.astra-editinput { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); color: var(--vscode-input-foreground);
  background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.astra-celleditor[hidden], .astra-newrow[hidden], .astra-edit-actions[hidden] { display: none; }
textarea.astra-editinput { min-height: 3em; resize: vertical; }
.astra-field { display: grid; grid-template-columns: minmax(120px, max-content) 1fr auto; gap: 6px; align-items: center; }
.astra-report-ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); white-space: pre-wrap; }
.astra-report-failed { color: var(--vscode-errorForeground); white-space: pre-wrap; }
`;

const installed = new WeakSet<Document>();

export function installStyles(doc: Document): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = CSS;
    doc.head.append(style);
  }
}
