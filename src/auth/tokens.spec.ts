import { DEFAULT_TOKEN_ID, TokenError, TokenSet, loadTokens, parseTokensFile } from './tokens';

const A = 'a'.repeat(16) + '-alpha';
const B = 'b'.repeat(16) + '-bravo';

describe('tokens', () => {
  it('matches API_TOKEN as "default" and each file token by its id', () => {
    const set = loadTokens({ API_TOKEN: A, API_TOKENS_FILE: '/tokens' }, () => `# ci\n\nci-bot: ${B}\n`);
    expect(set.ids).toEqual([DEFAULT_TOKEN_ID, 'ci-bot']);
    expect(set.match(A)).toBe('default');
    expect(set.match(B)).toBe('ci-bot');
    for (const wrong of ['', A.slice(0, -1), `${A}x`, A.toUpperCase(), B.replace('b', 'c')])
      expect(set.match(wrong)).toBeUndefined();
  });

  it('is off without tokens', () => {
    expect(loadTokens({}).size).toBe(0);
    expect(loadTokens({}).match('anything')).toBeUndefined();
  });

  it('keeps only digests, never the tokens themselves', () => {
    const set = TokenSet.of([{ id: 'x', token: A }]);
    expect(JSON.stringify(set)).not.toContain(A);
    expect(Object.values(set).some((v) => JSON.stringify(v)?.includes(A))).toBe(false);
  });

  it('refuses short or spaced tokens, bad or repeated ids, a repeated token and an unreadable file', () => {
    expect(() => loadTokens({ API_TOKEN: 'short' })).toThrow(TokenError);
    expect(() => TokenSet.of([{ id: 'x', token: 'has a space in it!!' }])).toThrow(/white space/);
    expect(() => TokenSet.of([{ id: 'bad id', token: A }])).toThrow(/id/);
    expect(() =>
      TokenSet.of([
        { id: 'x', token: A },
        { id: 'x', token: B },
      ]),
    ).toThrow(/twice/);
    expect(() =>
      TokenSet.of([
        { id: 'x', token: A },
        { id: 'y', token: A },
      ]),
    ).toThrow(/same token/);
    expect(() => loadTokens({ API_TOKEN: A, API_TOKENS_FILE: '/f' }, () => `default:${B}`)).toThrow(/twice/);
    expect(() =>
      loadTokens({ API_TOKENS_FILE: '/nope' }, () => {
        throw new Error('ENOENT');
      }),
    ).toThrow(/cannot read/);
    expect(() => loadTokens({ API_TOKENS_FILE: '/f' }, () => '# nothing\n')).toThrow(/no token/);
  });

  it('parses id:token lines, splitting at the first colon', () => {
    expect(parseTokensFile(`a:${A}\r\nb : x:y:z-0123456789abc\n`)).toEqual([
      { id: 'a', token: A },
      { id: 'b', token: 'x:y:z-0123456789abc' },
    ]);
    expect(() => parseTokensFile('no-colon')).toThrow(/line 1/);
    expect(() => parseTokensFile('\n:token')).toThrow(/line 2/);
  });
});
