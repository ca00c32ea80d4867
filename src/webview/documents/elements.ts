// DOM helpers of the document browser: elements with text (only ever through textContent) and the row buttons.

export type RowAction = 'edit' | 'delete' | 'similar';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export const ACTION_LABELS: Record<RowAction, string> = { edit: 'Edit', delete: 'Delete', similar: 'Find similar' };

/** The buttons of one document; `data-index` names it back to the host (the list listens for their clicks). */
export function actionButtons(actions: readonly RowAction[], index: number): HTMLElement {
  const box = el('span', 'doc-actions');
  for (const a of actions) {
    const b = el('button', `doc-${a}`, ACTION_LABELS[a]);
    b.dataset.action = a;
    b.dataset.index = String(index);
    box.append(b);
  }
  return box;
}
