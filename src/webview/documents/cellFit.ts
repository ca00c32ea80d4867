// A cell's text cut to the cell's width, ending in "…", measured on a canvas in the grid's font. The cells then need
// no overflow clip: a clip per cell (`overflow: hidden` for `text-overflow: ellipsis`, or `overflow: clip`) made
// every scroll frame pay for some 700 clip nodes in paint, layerization and commit. Measured in Chromium 156
// (documents bench, scrolling 1,000 documents, 54 steps): 8–64 frames missed with them, none with the text cut here.
// The whole value stays in the cell's tooltip, and in its aria-label when it was cut.

const ELLIPSIS = '…';
/** Printable ASCII: texts of only these are fitted from a table of their widths, without measuring the text. */
const ASCII = /^[\x20-\x7e]*$/;
/** Fitted texts kept per cell width: scrolling back refills rows whose long values were measured already. */
const CACHE_MAX = 4000;

/** One font's character widths, shared by the cells of every width (a column's, a number's, a score's). */
export class CellFit {
  private readonly ctx: CanvasRenderingContext2D | null = document.createElement('canvas').getContext('2d');
  private font = '';
  /** Width of each printable ASCII character, from 0x20. Summing them ignores kerning, which only narrows text. */
  private readonly ascii = new Float64Array(0x7f - 0x20);
  private ellipsis = 0;
  /** The widest ASCII character: a text of n characters fits unsummed when n of these do. */
  private widest = 0;
  /** Longer texts are cut before measuring to what would fill the cell twice over in this character. */
  private narrowest = 0;
  /** Fitted texts by cell width. */
  private readonly caches = new Map<number, Map<string, string>>();

  /** The grid's font (CSS shorthand); true when it changed. */
  setFont(font: string): boolean {
    if (font === this.font) return false;
    this.font = font;
    this.caches.clear();
    if (!this.ctx) return true;
    this.ctx.font = font;
    this.widest = 0;
    this.narrowest = Infinity;
    for (let c = 0x20; c < 0x7f; c++) {
      const w = this.ctx.measureText(String.fromCharCode(c)).width;
      this.ascii[c - 0x20] = w;
      this.widest = Math.max(this.widest, w);
      if (w > 0) this.narrowest = Math.min(this.narrowest, w);
    }
    this.ellipsis = this.ctx.measureText(ELLIPSIS).width;
    return true;
  }

  /** The width of `text` in the font, NaN without a canvas. */
  measure(text: string): number {
    return this.ctx ? this.ctx.measureText(text).width : NaN;
  }

  /** `text` as it fits `width` px: itself, or its longest prefix that fits with "…" after it. */
  fit(text: string, width: number): string {
    if (!this.ctx) return text;
    if (ASCII.test(text)) return text.length * this.widest <= width ? text : this.cutAscii(text, width);
    let cache = this.caches.get(width);
    if (!cache) this.caches.set(width, (cache = new Map()));
    const known = cache.get(text);
    if (known !== undefined) return known;
    const fitted = this.cut(text, width);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, fitted);
    return fitted;
  }

  /** From the table: the prefix that fits with the ellipsis is known by the time the text is found too wide. */
  private cutAscii(text: string, width: number): string {
    let w = 0;
    let keep = 0;
    for (let i = 0; i < text.length; i++) {
      w += this.ascii[text.charCodeAt(i) - 0x20]!;
      if (w > width) return text.slice(0, keep) + ELLIPSIS;
      if (w + this.ellipsis <= width) keep = i + 1;
    }
    return text;
  }

  /** Any other text, measured: the longest prefix that fits with the ellipsis, by binary search over its length. */
  private cut(text: string, width: number): string {
    const ctx = this.ctx!;
    const most = Number.isFinite(this.narrowest) ? Math.ceil(width / this.narrowest) * 2 + 2 : 1000;
    const head = text.length > most ? text.slice(0, most) : text;
    if (head === text && ctx.measureText(text).width <= width) return text;
    let lo = 0;
    let hi = head.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(head.slice(0, mid) + ELLIPSIS).width <= width) lo = mid;
      else hi = mid - 1;
    }
    // Never half of a surrogate pair (an emoji): that would show as a replacement character.
    const code = head.charCodeAt(lo - 1);
    if (lo > 0 && code >= 0xd800 && code <= 0xdbff) lo--;
    return head.slice(0, lo) + ELLIPSIS;
  }
}
