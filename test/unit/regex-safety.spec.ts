import { checkSync } from 'recheck';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * No regular expression in src/ may take super-linear time on some input
 * (ReDoS: one request or one log line stalling the event loop). recheck
 * decides it for every regular expression literal of the service's code
 * (tests excluded), and for every `new RegExp(...)` the modules build when
 * loaded (captured while each such module is required).
 */
const SRC = path.resolve(__dirname, '..', '..', 'src');
/** recheck's time for one expression; its default (10 s) answers "unknown" for Docker's reference grammar on a loaded machine. */
const CHECK_TIMEOUT_MS = 120_000;

interface Found {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/** The regular expression literals of a file, and whether it builds others with `new RegExp`. */
function scan(file: string): { literals: Found[]; buildsRegExps: boolean } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const literals: Found[] = [];
  let buildsRegExps = false;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const slash = text.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      literals.push({
        where: `${path.relative(SRC, file)}:${line}`,
        source: text.slice(1, slash),
        flags: text.slice(slash + 1),
      });
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp')
      buildsRegExps = true;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { literals, buildsRegExps };
}

/** The expressions built by `new RegExp` while a module loads, with the file that built each. */
function builtWhileLoading(file: string): Found[] {
  const found: Found[] = [];
  const original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(original, {
    construct(target, args: [string | RegExp, string?]) {
      const made = Reflect.construct(target, args);
      // The frame below this trap: the code that called `new RegExp` (library code is not ours to check).
      const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
      const where = /\((.*):(\d+):\d+\)$/.exec(caller);
      if (where && where[1].startsWith(SRC))
        found.push({ where: `${path.relative(SRC, where[1])}:${where[2]}`, source: made.source, flags: made.flags });
      return made;
    },
  });
  try {
    jest.isolateModules(() => jest.requireActual(file));
  } finally {
    globalThis.RegExp = original;
  }
  return found;
}

describe('regular expressions in src/', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, ...scan(file) }));
  const literals = files.flatMap((f) => f.literals);
  const built = files.filter((f) => f.buildsRegExps).flatMap((f) => builtWhileLoading(f.file));

  it('finds the expressions to check', () => {
    expect(literals.length).toBeGreaterThan(50);
    expect(built.map((b) => b.where)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^image\/dockerfile\.ts:/)]),
    );
  });

  it('are all linear-time (recheck)', () => {
    const unsafe = [...literals, ...built]
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags, { timeout: CHECK_TIMEOUT_MS }) }))
      .filter((r) => r.result.status !== 'safe')
      .map(
        (r) =>
          `${r.where} /${r.source}/${r.flags}: ${r.result.status}${r.result.status === 'vulnerable' ? ` (${r.result.complexity.type})` : ''}`,
      );
    expect(unsafe).toEqual([]);
  }, 900_000);
});
