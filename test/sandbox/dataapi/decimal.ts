// Exact decimal arithmetic for JSON numbers: the Data API keeps numbers as arbitrary-precision decimals, so
// comparisons, $inc and $mul must not round through doubles.
export interface Dec {
  unscaled: bigint;
  scale: number; // value = unscaled × 10^-scale (scale may be negative)
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export function parseDec(text: string): Dec {
  const m = NUMBER.exec(text);
  if (!m) throw new Error(`not a number: ${text}`);
  const frac = m[3] ?? '';
  const unscaled = BigInt(m[1] + m[2] + frac);
  return normalize({ unscaled, scale: frac.length - Number(m[4] ?? 0) });
}

/** Strips trailing zeros so equal values have one representation (1, 1.0 and 1e0 are the same number). */
export function normalize(d: Dec): Dec {
  let { unscaled, scale } = d;
  if (unscaled === 0n) return { unscaled, scale: 0 };
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  return { unscaled, scale };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.unscaled * 10n ** BigInt(scale - a.scale), b.unscaled * 10n ** BigInt(scale - b.scale), scale];
}

export function compareDec(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDec(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalize({ unscaled: x + y, scale });
}

export function mulDec(a: Dec, b: Dec): Dec {
  return normalize({ unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale });
}

/** Plain notation (no exponent) unless that would need more than 20 padding zeros. */
export function formatDec(d: Dec): string {
  const neg = d.unscaled < 0n;
  const digits = (neg ? -d.unscaled : d.unscaled).toString();
  const sign = neg ? '-' : '';
  if (d.scale <= 0) {
    if (-d.scale > 20) return `${sign}${digits}E+${-d.scale}`;
    return sign + digits + '0'.repeat(-d.scale);
  }
  if (d.scale > digits.length + 20) return `${sign}${digits}E-${d.scale}`;
  const padded = digits.padStart(d.scale + 1, '0');
  return `${sign}${padded.slice(0, padded.length - d.scale)}.${padded.slice(padded.length - d.scale)}`;
}
