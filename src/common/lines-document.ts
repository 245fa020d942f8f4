/**
 * A JSON object whose last member is `"lines": [...]`, as a sequence of text
 * chunks written one line at a time, so a long log is sent as it is read and
 * never held whole in memory. `fields` are the members before `lines`.
 */
export async function* linesDocument(lines: AsyncIterable<string>, fields: object = {}): AsyncGenerator<string> {
  const head = JSON.stringify(fields).slice(0, -1);
  let first = true;
  let batch = `${head}${head.length > 1 ? ',' : ''}"lines":[`;
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
