// A cell's text cut to the cell's width, ending in "…", measured on a canvas in the grid's font. The cells then need
// no overflow clip: a clip per cell (`overflow: hidden` for `text-overflow: ellipsis`, or `overflow: clip`) made
// every scroll frame pay for some 700 clip nodes in paint, layerization and commit. Measured in Chromium 156
// (documents bench, scrolling 1,000 documents, 54 steps): 8–64 frames missed with them, none with the text cut here.
// The whole value stays in the cell's tooltip, and in its aria-label when it was cut.

const ELLIPSIS = '…';
/** Printable ASCII: texts of only these are fitted from a table of their widths, without measuring the text. */
const ASCII = /^[\x20-\x7e]*$/;
/** Fitted texts kept: scrolling back refills rows whose long values were measured already. */
const CACHE_MAX = 4000;

export class CellFit {
  private readonly ctx: CanvasRenderingContext2D | null = document.createElement('canvas').getContext('2d');
  private font = '';
  private width = 0;
  /** Width of each printable ASCII character, from 0x20. Summing them ignores kerning, which only narrows text. */
  private readonly ascii = new Float64Array(0x7f - 0x20);
  private ellipsis = 0;
  /** An ASCII text of at most this many characters fits whatever they are. */
  private safe = 0;
  /** Longer texts are cut to this many characters before measuring: more would not fit even if all were narrow. */
  private most = 0;
  private readonly cache = new Map<string, string>();

  /** The grid's font (CSS shorthand) and the width text may take in a cell; true when either changed. */
  setFont(font: string, width: number): boolean {
    if (font === this.font && width === this.width) return false;
    this.font = font;
    this.width = width;
    this.cache.clear();
    if (!this.ctx) return true;
    this.ctx.font = font;
    let widest = 0;
    let narrowest = Infinity;
    for (let c = 0x20; c < 0x7f; c++) {
      const w = this.ctx.measureText(String.fromCharCode(c)).width;
      this.ascii[c - 0x20] = w;
      widest = Math.max(widest, w);
      if (w > 0) narrowest = Math.min(narrowest, w);
    }
    this.ellipsis = this.ctx.measureText(ELLIPSIS).width;
    this.safe = widest > 0 ? Math.floor(width / widest) : 0;
    this.most = Number.isFinite(narrowest) ? Math.ceil(width / narrowest) * 2 + 2 : 1000;
    return true;
  }

  /** The width of `text` in the font, NaN without a canvas. */
  measure(text: string): number {
    return this.ctx ? this.ctx.measureText(text).width : NaN;
  }

  /** `text` as it fits the cell: itself, or its longest prefix that fits with "…" after it. */
  fit(text: string): string {
    if (!this.ctx) return text;
    if (ASCII.test(text)) return text.length <= this.safe ? text : this.cutAscii(text);
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    const fitted = this.cut(text);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(text, fitted);
    return fitted;
  }

  /** From the table: the prefix that fits with the ellipsis is known by the time the text is found too wide. */
  private cutAscii(text: string): string {
    let w = 0;
    let keep = 0;
    for (let i = 0; i < text.length; i++) {
      w += this.ascii[text.charCodeAt(i) - 0x20]!;
      if (w > this.width) return text.slice(0, keep) + ELLIPSIS;
      if (w + this.ellipsis <= this.width) keep = i + 1;
    }
    return text;
  }

  /** Any other text, measured: the longest prefix that fits with the ellipsis, by binary search over its length. */
  private cut(text: string): string {
    const ctx = this.ctx!;
    const head = text.length > this.most ? text.slice(0, this.most) : text;
    if (head === text && ctx.measureText(text).width <= this.width) return text;
    let lo = 0;
    let hi = head.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(head.slice(0, mid) + ELLIPSIS).width <= this.width) lo = mid;
      else hi = mid - 1;
    }
    // Never half of a surrogate pair (an emoji): that would show as a replacement character.
    const code = head.charCodeAt(lo - 1);
    if (lo > 0 && code >= 0xd800 && code <= 0xdbff) lo--;
    return head.slice(0, lo) + ELLIPSIS;
  }
}
