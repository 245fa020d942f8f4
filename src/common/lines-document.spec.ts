import { linesDocument } from './lines-document';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

async function* of(...lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

describe('linesDocument', () => {
  it('puts the given members before the streamed lines', async () => {
    const doc = await text(linesDocument(of('a "quoted" line', ''), { name: 'x:1', count: 2, none: null }));
    expect(JSON.parse(doc)).toEqual({ name: 'x:1', count: 2, none: null, lines: ['a "quoted" line', ''] });
    expect(Object.keys(JSON.parse(doc) as object)).toEqual(['name', 'count', 'none', 'lines']);
    expect(JSON.parse(await text(linesDocument(of(), { a: 1 })))).toEqual({ a: 1, lines: [] });
    expect(JSON.parse(await text(linesDocument(of('only'))))).toEqual({ lines: ['only'] });
  });
});
