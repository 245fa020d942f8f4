/**
 * The JSON object a run wrote (`progress.json`, `result.json`), or null: while
 * the file is missing, while it is half-written, and when it holds anything
 * but a JSON object.
 */
export function jsonObjectOrNull(content: Buffer | undefined): Record<string, unknown> | null {
  if (!content || content.length === 0) return null;
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export { linesDocument } from '../common/lines-document';
