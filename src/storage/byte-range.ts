/** A satisfiable byte range of a file, both ends included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads an HTTP Range header (RFC 9110 §14) against a file of `size` bytes:
 * - `undefined`: no range to honour (absent, malformed, another unit, or
 *   several ranges: the whole file is sent, as the RFC allows);
 * - `'unsatisfiable'`: a valid range that lies outside the file (416);
 * - a `ByteRange` otherwise, clipped to the file.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  // Split rather than matched with one expression: `\s*(\d*)\s*` backtracks quadratically on long runs of spaces.
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return undefined;
  const ends = header
    .slice(eq + 1)
    .split('-')
    .map((s) => s.trim());
  if (ends.length !== 2 || !ends.every((s) => /^\d*$/.test(s))) return undefined;
  const [first, last] = ends;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (!Number.isSafeInteger(length)) return undefined;
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return undefined;
  if (end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
