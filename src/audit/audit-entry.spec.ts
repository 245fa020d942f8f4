import { CHANGING_METHODS, auditLine, outcomeOf } from './audit-entry';

describe('audit entries', () => {
  it('audits the changing methods only', () => {
    expect([...CHANGING_METHODS].sort()).toEqual(['DELETE', 'PATCH', 'POST', 'PUT']);
  });

  it('names the outcome of a status', () => {
    expect([200, 201, 204, 304, 400, 401, 404, 421, 500, 503].map(outcomeOf)).toEqual([
      'ok', 'ok', 'ok', 'ok', 'refused', 'refused', 'refused', 'refused', 'failed', 'failed',
    ]);
  });

  it('writes one line per entry, whatever the values hold', () => {
    const line = auditLine({
      time: 't', event: 'request', requestId: 'r', method: 'POST', route: null, path: '/a\nb', status: 200,
      outcome: 'ok', tokenId: null, via: 'none', ip: '::1', durationMs: 1,
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line).path).toBe('/a\nb');
  });
});
