import { LOG_LEVELS, pinoLevelOf, wantsPrettyLogs } from './log-settings';

describe('log settings', () => {
  it('maps every LOG_LEVEL to a pino level, Nest names included', () => {
    expect(LOG_LEVELS.map(pinoLevelOf)).toEqual(['fatal', 'error', 'warn', 'info', 'info', 'debug', 'trace', 'trace']);
  });

  it('prints readable lines only for development or a terminal', () => {
    expect(wantsPrettyLogs(undefined, false)).toBe(false);
    expect(wantsPrettyLogs('production', false)).toBe(false);
    expect(wantsPrettyLogs('development', false)).toBe(true);
    expect(wantsPrettyLogs('production', true)).toBe(true);
  });
});
