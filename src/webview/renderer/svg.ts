// Tiny SVG helpers for the chart and the trace timeline: elements by name, text only through textContent.

const NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, cls?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute('class', cls);
  return e;
}

export function svgText(x: number, y: number, text: string, cls: string, anchor: 'start' | 'middle' | 'end' = 'start'): SVGTextElement {
  const t = svgEl('text', { x, y, 'text-anchor': anchor }, cls);
  t.textContent = text;
  return t;
}

/** A hover tooltip (SVG <title>) with the text as text. */
export function svgTitle(parent: SVGElement, text: string): void {
  const t = svgEl('title');
  t.textContent = text;
  parent.append(t);
}
