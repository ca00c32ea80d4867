// The one error type every bundle refusal uses: a sentence for the user, and the entry it is about when there is one.

/** A problem with the bundle; `file` names the entry at fault when there is one. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/** An entry name or config value as it may appear in a sentence: control characters escaped, long ones cut. */
export function shown(value: string, max = 80): string {
   
  const escaped = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\uFFFD]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}… (${value.length} characters)` : escaped;
}
