/**
 * Writes openapi/openapi.json from the compiled app (no engine needed) and
 * the typed client schema from it. With --check, writes nothing and fails
 * when either committed file differs from what the code generates.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument, stableStringify } from '../src/openapi';

const ROOT = path.resolve(__dirname, '..', '..');
const DOCUMENT = path.join(ROOT, 'openapi', 'openapi.json');
const SCHEMA = path.join(ROOT, 'openapi', 'client', 'schema.d.ts');

async function generate(): Promise<{ document: string; schema: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', APPS_DIR: path.join(dataDir, 'apps') });
    const app = await createApp(config);
    await app.init();
    const document = stableStringify(buildOpenApiDocument(app));
    await app.close();
    const header = '// Generated from openapi/openapi.json by `npm run openapi`. Do not edit.\n';
    // A field with a default may be left out of a request: it stays optional in the client types.
    const schema =
      header + astToString(await openapiTS(JSON.parse(document) as OpenAPI3, { defaultNonNullable: false }));
    return { document, schema };
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const generated = await generate();
  const files: [string, string][] = [
    [DOCUMENT, generated.document],
    [SCHEMA, generated.schema],
  ];
  if (!check) {
    for (const [file, text] of files) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
    }
    console.log(`wrote ${files.map(([f]) => path.relative(ROOT, f)).join(', ')}`);
    return;
  }
  const stale = [];
  for (const [file, text] of files) {
    const committed = await fs.readFile(file, 'utf8').catch(() => '');
    if (committed !== text) stale.push(path.relative(ROOT, file));
  }
  if (stale.length) {
    console.error(`out of date with the code: ${stale.join(', ')}; run \`npm run openapi\` and commit the result`);
    process.exit(1);
  }
  console.log('openapi: document and client are up to date');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
