import 'reflect-metadata';
import {
  commandProblems,
  EXEC_ID_PATTERN,
  gpuDemand,
  limitProblems,
  newExecId,
  parseSince,
  parseSize,
  runCommand,
  userdataProblems,
} from './exec-options';
import { loadConfig } from '../config/app-config';

describe('exec options', () => {
  it('reads Docker sizes', () => {
    expect(parseSize('1g')).toBe(1024 ** 3);
    expect(parseSize('512m')).toBe(512 * 1024 ** 2);
    expect(parseSize('1.5k')).toBe(1536);
    expect(parseSize('100')).toBe(100);
    expect(parseSize('2GB')).toBe(2 * 1024 ** 3);
    expect(() => parseSize('lots')).toThrow();
  });

  it('asks for GPUs only when the request or the configuration says so; useGPU is one GPU', () => {
    expect(gpuDemand({}, 'auto', 0)).toBe(0);
    expect(gpuDemand({}, 'auto', 2)).toBe(1);
    expect(gpuDemand({}, 'none', 2)).toBe(0);
    expect(gpuDemand({}, 'all', 0)).toBe('all');
    expect(gpuDemand({}, '2', 0)).toBe(2);
    expect(gpuDemand({ useGPU: true }, 'none', 0)).toBe(1);
    expect(gpuDemand({ useGPU: false }, 'all', 2)).toBe(0);
    expect(gpuDemand({ gpus: 'none' }, 'all', 2)).toBe(0);
    // gpus wins over useGPU.
    expect(gpuDemand({ gpus: 3, useGPU: false }, 'none', 0)).toBe(3);
  });

  it('builds the command: python <mainSrc>, a shell string, or a list as it is', () => {
    expect(runCommand(undefined, 'train.py')).toEqual(['python', 'train.py']);
    expect(runCommand('echo $HOME && ls', 'train.py')).toEqual(['/bin/sh', '-c', 'echo $HOME && ls']);
    expect(runCommand(['python', '-u', 'a b.py'], undefined)).toEqual(['python', '-u', 'a b.py']);
    expect(() => runCommand(undefined, undefined)).toThrow();
  });

  it('refuses commands that are not a string or a list of strings', () => {
    expect(commandProblems('python x.py')).toBeUndefined();
    expect(commandProblems(['python', 'x.py'])).toBeUndefined();
    expect(commandProblems('')).toBeDefined();
    expect(commandProblems([])).toBeDefined();
    expect(commandProblems(['python', 3])).toBeDefined();
    expect(commandProblems(['', 'x'])).toBeDefined();
    expect(commandProblems('a\0b')).toBeDefined();
    expect(commandProblems({ cmd: 'x' })).toBeDefined();
  });

  it('limits userdata to JSON of a bounded size', () => {
    expect(userdataProblems({ a: [1, 'x', null] }, 100)).toBeUndefined();
    expect(userdataProblems('text', 100)).toBeUndefined();
    expect(userdataProblems({ big: 'x'.repeat(200) }, 100)).toMatch(/at most 100 bytes/);
  });

  it('keeps requests within the configured limits and network modes', () => {
    const limits = { cpus: 4, memory: '8g', allowedNetworkModes: ['none'] };
    expect(limitProblems({ cpus: 2, memory: '4g', networkMode: 'none' }, limits)).toEqual([]);
    expect(limitProblems({ cpus: 8, memory: '16g', networkMode: 'host' }, limits).map((e) => e.field)).toEqual([
      'cpus',
      'memory',
      'networkMode',
    ]);
    expect(limitProblems({ cpus: 64 }, { allowedNetworkModes: ['none', 'host'] })).toEqual([]);
  });

  it('refuses sizes Docker would refuse: memory under 6m, a shared memory size that rounds to 0', () => {
    const limits = { allowedNetworkModes: ['none'] };
    expect(limitProblems({ memory: '0' }, limits)).toEqual([
      { field: 'memory', message: expect.stringMatching(/at least 6m/) as unknown },
    ]);
    expect(limitProblems({ memory: '5m' }, limits).map((e) => e.field)).toEqual(['memory']);
    expect(limitProblems({ memory: '6m', shmSize: '1' }, limits)).toEqual([]);
    expect(limitProblems({ shmSize: '0.4' }, limits)).toEqual([
      { field: 'shmSize', message: expect.stringMatching(/at least 1 byte/) as unknown },
    ]);
  });

  it('stops on a configured memory or shared memory size Docker would refuse, naming the variable', () => {
    expect(() => loadConfig({ EXEC_MEMORY: '1k' }, '/tmp')).toThrow(/EXEC_MEMORY="1k".*at least 6m/);
    expect(() => loadConfig({ EXEC_SHM_SIZE: '0' }, '/tmp')).toThrow(/EXEC_SHM_SIZE="0".*at least 1 byte/);
    expect(loadConfig({ EXEC_MEMORY: '512m', EXEC_SHM_SIZE: '64m' }, '/tmp').EXEC_MEMORY).toBe('512m');
  });

  it('reads since as epoch seconds or an ISO time', () => {
    expect(parseSince('1700000000')).toBe(1700000000);
    expect(parseSince('1700000000.25')).toBe(1700000000.25);
    expect(parseSince('2024-05-01T12:00:00Z')).toBe(Date.parse('2024-05-01T12:00:00Z') / 1000);
    expect(parseSince('yesterday')).toBeUndefined();
  });

  it('accepts safe run ids only', () => {
    for (const ok of ['a', 'run-1', 'Run_2.b', 'x'.repeat(64)]) expect(EXEC_ID_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '-x', '.x', '../x', 'a/b', 'a b', 'x'.repeat(65), 'é'])
      expect(EXEC_ID_PATTERN.test(bad)).toBe(false);
  });

  it('generates run ids of 16 hex digits, each new', () => {
    const ids = new Set(Array.from({ length: 20 }, () => newExecId()));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads a GPU count or "all" around spaces, from the request or the configuration', () => {
    expect(gpuDemand({ gpus: ' all ' }, 'none', 0)).toBe('all');
    expect(gpuDemand({ gpus: ' none' }, 'all', 2)).toBe(0);
    expect(gpuDemand({}, ' 2 ', 0)).toBe(2);
  });

  it('says a run needs mainSrc or a command', () => {
    expect(() => runCommand(undefined, '')).toThrow('a run needs mainSrc or command');
  });

  it('tells what is wrong with a command', () => {
    const string = 'command must be a non-empty string without NUL';
    const count = 'command must list 1 to 4096 arguments';
    const list = 'command must be a list of strings without NUL, the first non-empty';
    expect(commandProblems('   ')).toBe(string);
    expect(commandProblems('a\0b')).toBe(string);
    expect(commandProblems('x'.repeat(65536))).toBeUndefined();
    expect(commandProblems('x'.repeat(65537))).toBe(string);
    expect(commandProblems([])).toBe(count);
    expect(commandProblems(Array(4096).fill('x'))).toBeUndefined();
    expect(commandProblems(Array(4097).fill('x'))).toBe(count);
    expect(commandProblems(['python', ['-c']])).toBe(list);
    expect(commandProblems(['python', 'x'.repeat(65536)])).toBeUndefined();
    expect(commandProblems(['python', 'x'.repeat(65537)])).toBe(list);
    expect(commandProblems(['', 'x'])).toBe(list);
    expect(commandProblems(42)).toBe('command must be a string or a list of strings');
  });

  it('refuses userdata that is not JSON, and takes exactly the limit', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(userdataProblems(cyclic, 100)).toBe('userdata must be JSON');
    expect(userdataProblems(undefined, 100)).toBe('userdata must be JSON');
    expect(userdataProblems(() => 1, 100)).toBe('userdata must be JSON');
    expect(userdataProblems('é', 4)).toBeUndefined(); // "é" is 4 bytes of JSON
    expect(userdataProblems('é', 3)).toBe('userdata may hold at most 3 bytes of JSON');
  });

  it('names the limit a request goes past, and takes a request at the limit', () => {
    const limits = { cpus: 4, memory: '8g', allowedNetworkModes: ['none', 'bridge'] };
    expect(limitProblems({ cpus: 4, memory: '8g', networkMode: 'bridge' }, limits)).toEqual([]);
    expect(limitProblems({}, limits)).toEqual([]);
    expect(limitProblems({ cpus: 4.5, memory: '8193m', networkMode: 'host' }, limits)).toEqual([
      { field: 'cpus', message: 'cpus may be at most 4 (EXEC_CPUS)' },
      { field: 'memory', message: 'memory may be at most 8g (EXEC_MEMORY)' },
      { field: 'networkMode', message: 'networkMode must be one of: none, bridge (EXEC_ALLOWED_NETWORK_MODES)' },
    ]);
    expect(limitProblems({ memory: 'lots', shmSize: 'some' }, { allowedNetworkModes: [] })).toEqual([
      { field: 'memory', message: 'memory must be a size like "512m" or "8g"' },
      { field: 'shmSize', message: 'shmSize must be a size like "512m" or "8g"' },
    ]);
  });

  it('reads since only as epoch seconds or an ISO time, around spaces', () => {
    expect(parseSince(' 1700000000 ')).toBe(1700000000);
    expect(parseSince('x1700000000')).toBeUndefined();
    expect(parseSince('May 1 2024')).toBeUndefined();
    expect(parseSince('2024-13-45T00:00:00Z')).toBeUndefined();
  });
});
