import { CHANGING_METHODS, RequestAuditEntry, auditLine, outcomeOf } from './audit-entry';

describe('audit entries', () => {
  it('audits the changing methods only', () => {
    expect([...CHANGING_METHODS].sort()).toEqual(['DELETE', 'PATCH', 'POST', 'PUT']);
  });

  it('names the outcome of a status', () => {
    expect([200, 201, 204, 304, 400, 401, 404, 421, 500, 503].map(outcomeOf)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'refused',
      'refused',
      'refused',
      'refused',
      'failed',
      'failed',
    ]);
  });

  it('writes one line per entry, whatever the values hold', () => {
    const line = auditLine({
      time: 't',
      event: 'request',
      requestId: 'r',
      method: 'POST',
      route: null,
      path: '/a\nb',
      status: 200,
      outcome: 'ok',
      tokenId: null,
      via: 'none',
      ip: '::1',
      durationMs: 1,
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect((JSON.parse(line) as RequestAuditEntry).path).toBe('/a\nb');
  });
});

describe('audit entries within a size', () => {
  const request = {
    time: 't',
    event: 'request',
    requestId: 'r',
    method: 'POST',
    route: null,
    path: `/api/x/${'a'.repeat(13_000)}`,
    status: 400,
    outcome: 'refused',
    tokenId: null,
    via: 'none',
    ip: '::1',
    durationMs: 1,
  } as const;

  it('keeps a short entry as it is', () => {
    expect(JSON.parse(auditLine({ ...request, path: '/a' }, 1024))).toEqual({ ...request, path: '/a' });
  });

  it('cuts long values of a longer entry, says how much was left out, and marks it truncated', () => {
    const line = auditLine(request, 1024);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(1024);
    const entry = JSON.parse(line) as RequestAuditEntry;
    expect(entry).toMatchObject({
      ...request,
      path: expect.stringMatching(/^\/api\/x\/a+…\[\d+ more\]$/) as unknown,
      truncated: true,
    });
    expect(entry.path.length).toBeLessThan(1024);
  });

  it('keeps only the short fields when cutting strings is not enough', () => {
    const config = { Env: Array.from({ length: 500 }, (_, i) => `VAR_${i}=1`) };
    const line = auditLine(
      { time: 't', event: 'container.create', requestId: 'r', tokenId: null, containerId: 'c', outcome: 'ok', config },
      1024,
    );
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(1024);
    expect(JSON.parse(line)).toEqual({
      time: 't',
      event: 'container.create',
      requestId: 'r',
      tokenId: null,
      containerId: 'c',
      outcome: 'ok',
      truncated: true,
    });
  });
});
