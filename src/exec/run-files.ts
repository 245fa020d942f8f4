/**
 * The JSON object a run wrote (`progress.json`, `result.json`), or null: while
 * the file is missing, while it is half-written, and when it holds anything
 * but a JSON object.
 */
export function jsonObjectOrNull(content: Buffer | undefined): Record<string, unknown> | null {
  if (!content || content.length === 0) return null;
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * `{"lines":[...]}` as a sequence of text chunks, one line at a time, so a
 * long log is sent as it is read and never held whole in memory.
 */
export async function* linesDocument(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let first = true;
  let batch = '{"lines":[';
  for await (const line of lines) {
    batch += (first ? '' : ',') + JSON.stringify(line);
    first = false;
    if (batch.length >= 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield batch + ']}';
}
