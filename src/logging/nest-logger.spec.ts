import { Writable } from 'node:stream';
import { requestContext, ANONYMOUS } from '../common/request-context';
import { PinoNestLogger } from './nest-logger';
import { createRootLogger } from './root-logger';

/** A logger writing JSON lines into an array. */
function capture(level: 'log' | 'debug' = 'log') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const root = createRootLogger({ level, pretty: false }, sink);
  return { root, nest: new PinoNestLogger(root), lines };
}

describe('PinoNestLogger', () => {
  it('writes a message with its context and level name', () => {
    const { nest, lines } = capture();
    nest.log('listening', 'Main');
    nest.warn('careful', 'ExecService');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'listening', context: 'Main' }),
      expect.objectContaining({ level: 'warn', msg: 'careful', context: 'ExecService' }),
    ]);
    expect(typeof lines[0].time).toBe('string');
  });

  it('keeps the stack of an error apart from its context', () => {
    const { nest, lines } = capture();
    nest.error('failed', 'Error: x\n    at f (a.js:1:1)', 'ProblemFilter');
    nest.error('failed again', undefined, 'ProblemFilter');
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'failed',
      context: 'ProblemFilter',
      stack: 'Error: x\n    at f (a.js:1:1)',
    });
    expect(lines[1]).toMatchObject({ msg: 'failed again', context: 'ProblemFilter' });
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('turns an object message into the fields of a structured line', () => {
    const { nest, lines } = capture();
    nest.log({ msg: 'run ended', event: 'run.ended', execId: 'a1', exitCode: 0 }, 'Events');
    expect(lines[0]).toMatchObject({
      msg: 'run ended',
      event: 'run.ended',
      execId: 'a1',
      exitCode: 0,
      context: 'Events',
    });
  });

  it('names the request being handled', () => {
    const { nest, lines } = capture();
    requestContext.run({ requestId: 'req-1', caller: ANONYMOUS }, () => nest.log('inside', 'X'));
    nest.log('outside', 'X');
    expect(lines[0].requestId).toBe('req-1');
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('drops lines below LOG_LEVEL and maps verbose to trace', () => {
    const quiet = capture('log');
    quiet.nest.debug('hidden', 'X');
    quiet.nest.verbose('hidden', 'X');
    expect(quiet.lines).toEqual([]);
    const chatty = capture('debug');
    chatty.nest.debug('shown', 'X');
    expect(chatty.lines[0]).toMatchObject({ level: 'debug', msg: 'shown' });
  });

  it('redacts credentials whoever logs them', () => {
    const { root, lines } = capture();
    root.info(
      {
        req: { headers: { authorization: 'Bearer secret-token-123456', cookie: 'webapi_session=abc' } },
        token: 'secret-token-123456',
      },
      'x',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token-123456');
    expect(text).not.toContain('webapi_session=abc');
    expect(text).toContain('[redacted]');
  });
});
