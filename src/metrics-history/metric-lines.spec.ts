import { completeLines, parseMetricLine } from './metric-lines';

describe('parseMetricLine', () => {
  it('reads a point with or without step and ts', () => {
    expect(parseMetricLine('{"name":"loss","value":0.12,"step":120,"ts":1764650000.5}')).toEqual({
      name: 'loss',
      value: 0.12,
      step: 120,
      ts: 1764650000.5,
    });
    expect(parseMetricLine('{"name":"acc","value":1}')).toEqual({ name: 'acc', value: 1 });
    expect(parseMetricLine('{"name":"acc","value":1,"step":null}')).toEqual({ name: 'acc', value: 1 });
  });

  it.each([
    'not json',
    '[1,2]',
    'null',
    '{"value":1}',
    '{"name":"","value":1}',
    '{"name":"loss","value":"0.1"}',
    '{"name":"loss","value":1e999}',
    '{"name":"loss","value":1,"step":"3"}',
    '{"name":"loss","value":1,"ts":true}',
    `{"name":"${'x'.repeat(201)}","value":1}`,
  ])('refuses %s', (line) => {
    expect(parseMetricLine(line)).toBeUndefined();
  });
});

describe('completeLines', () => {
  it('leaves a half-written last line for later', () => {
    const chunk = Buffer.from('{"a":1}\n\n{"b":2}\r\n{"c"');
    expect(completeLines(chunk)).toEqual({ lines: ['{"a":1}', '{"b":2}'], consumed: chunk.length - 4 });
    expect(completeLines(Buffer.from('{"c"'))).toEqual({ lines: [], consumed: 0 });
  });
});
