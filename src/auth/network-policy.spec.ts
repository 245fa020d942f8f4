import { HostPolicy, PolicyError, exposureRefusal, isLoopback, parseOrigins, splitHost } from './network-policy';
import { startupCheck } from './startup-check';
import { ConfigError } from '../config/app-config';

describe('network policy', () => {
  it('knows loopback addresses and names', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopback(h)).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '192.168.1.2',
      'example.com',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      '',
    ]) {
      expect(isLoopback(h)).toBe(false);
    }
  });

  it('parses CORS origins exactly, refusing wildcards and paths', () => {
    expect(parseOrigins('http://localhost:5173, https://App.example.com')).toEqual([
      'http://localhost:5173',
      'https://app.example.com',
    ]);
    expect(parseOrigins(undefined)).toEqual([]);
    for (const bad of [
      '*',
      'https://*.example.com',
      'https://a.example/path',
      'a.example',
      'ftp://a.example',
      'null',
    ]) {
      expect(() => parseOrigins(bad)).toThrow(PolicyError);
    }
  });

  it('checks Host against ALLOWED_HOSTS, with or without a port', () => {
    const p = HostPolicy.from('api.example.com, 127.0.0.1:3000, [::1]', '0.0.0.0');
    expect(p.allows('api.example.com')).toBe(true);
    expect(p.allows('API.example.com:8443')).toBe(true);
    expect(p.allows('127.0.0.1:3000')).toBe(true);
    expect(p.allows('[::1]:3000')).toBe(true);
    for (const h of [
      undefined,
      '',
      '127.0.0.1:3001',
      'evil.example',
      'api.example.com.evil.example',
      'evil.example#api.example.com',
      'a b',
    ]) {
      expect(p.allows(h)).toBe(false);
    }
    expect(HostPolicy.from('*', '127.0.0.1').allows('anything.example')).toBe(true);
    expect(() => HostPolicy.from('a/b', '127.0.0.1')).toThrow(PolicyError);
  });

  it('defaults to loopback names on a loopback address (DNS rebinding), to any Host elsewhere', () => {
    const local = HostPolicy.from(undefined, '127.0.0.1');
    expect(local.allows('127.0.0.1:3000')).toBe(true);
    expect(local.allows('localhost:5173')).toBe(true);
    expect(local.allows('[::1]:3000')).toBe(true);
    expect(local.allows('rebind.attacker.example:3000')).toBe(false);
    expect(HostPolicy.from('', '0.0.0.0').allows('server.lan')).toBe(true);
  });

  it('splits host headers', () => {
    expect(splitHost('[::1]:80')).toEqual({ name: '::1', port: '80' });
    expect(splitHost('Example.com')).toEqual({ name: 'example.com', port: undefined });
    expect(splitHost('a:b:c')).toBeUndefined();
  });
});

describe('start-up check', () => {
  const base = { HOST: '127.0.0.1', ALLOW_UNAUTHENTICATED: false } as const;
  const token = 'x'.repeat(32);

  it('refuses a non-loopback HOST without a token, and says why', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.10', 'server.lan']) {
      const verdict = startupCheck({ ...base, HOST });
      expect(verdict.refusal).toMatch(/API_TOKEN/);
      expect(verdict.refusal).toMatch(/ALLOW_UNAUTHENTICATED=true/);
      expect(exposureRefusal({ ...base, HOST }, 0)).toBe(verdict.refusal);
    }
  });

  it('refuses ALLOW_UNAUTHENTICATED=true while any Host is answered (DNS rebinding), naming both variables', () => {
    for (const hosts of [undefined, '', '*', 'gpu.lab.example,*']) {
      const verdict = startupCheck({ ...base, HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: true, ALLOWED_HOSTS: hosts });
      expect(verdict.refusal).toMatch(/ALLOW_UNAUTHENTICATED=true and no ALLOWED_HOSTS/);
    }
    // On loopback the Host policy already answers loopback names only; a token lifts the rule.
    expect(startupCheck({ ...base, ALLOW_UNAUTHENTICATED: true }).refusal).toBeUndefined();
    expect(
      startupCheck({ ...base, HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: true, API_TOKEN: token }).refusal,
    ).toBeUndefined();
  });

  it('lets it start on loopback, with a token, or when told to (with a warning)', () => {
    expect(startupCheck(base)).toEqual({ refusal: undefined, warnings: [] });
    expect(startupCheck({ ...base, HOST: '0.0.0.0', API_TOKEN: token }).refusal).toBeUndefined();
    expect(
      startupCheck({ ...base, HOST: '0.0.0.0', API_TOKENS_FILE: '/t' }, () => `ci:${token}`).refusal,
    ).toBeUndefined();
    const told = startupCheck({
      ...base,
      HOST: '0.0.0.0',
      ALLOW_UNAUTHENTICATED: true,
      ALLOWED_HOSTS: 'gpu.lab.example',
    });
    expect(told.refusal).toBeUndefined();
    expect(told.warnings.join()).toMatch(/WITHOUT authentication/);
  });

  it('turns bad security settings into a configuration error naming the variable', () => {
    expect(() => startupCheck({ ...base, API_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => startupCheck({ ...base, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => startupCheck({ ...base, ALLOWED_HOSTS: 'a/b' })).toThrow(/ALLOWED_HOSTS/);
    expect(() => startupCheck({ ...base, EXEC_CAP_ADD: 'SYS_ADMIN' })).toThrow(/EXEC_CAP_ADD/);
  });
});
