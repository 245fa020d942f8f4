import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The parts of the OpenAPI document these tests read. */
interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}
interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject | undefined>>;
}

const doc = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8'),
) as OpenApiDocument;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(doc.paths).flatMap(([route, item]) =>
  METHODS.flatMap((method) => {
    const op = item[method];
    return op ? [{ route, method, op }] : [];
  }),
);

/** Every route of the seed (../shared/spec/seed-web-api.ko.md), in OpenAPI path syntax. */
const SEED_ROUTES = [
  'post /api/image/create',
  'get /api/image/create/{name}',
  'delete /api/image/create/{name}',
  'get /api/image/list',
  'delete /api/image/item/{name}',
  'post /api/exec/create',
  'get /api/exec/info/{exec_id}',
  'get /api/exec/logs/{exec_id}',
  'get /api/exec/list',
  'put /api/exec/stop/{exec_id}',
  'delete /api/exec/item/{exec_id}',
  'get /api/exec/progress/{exec_id}',
  'get /api/exec/result/{exec_id}',
  'get /api/storage/list',
  'get /api/storage/list/{storage_id}',
  'get /api/storage/list/{storage_id}/{file_path}',
  'put /api/storage/dir/{storage_id}/{file_path}',
  'get /api/storage/file/{storage_id}/{file_path}',
  'post /api/storage/file/{storage_id}/{file_path}',
  'put /api/storage/file/{storage_id}/{file_path}',
  'delete /api/storage/item/{storage_id}/{file_path}',
  'post /api/storage/upload_item',
  'delete /api/storage/upload_item/{upload_id}',
  'get /api/dataset/list',
  'post /api/dataset/list',
  'post /api/dataset/item/{name}',
  'delete /api/dataset/item/{name}',
  'get /api/model/list',
  'post /api/model/list',
  'post /api/model/item/{name}',
  'delete /api/model/item/{name}',
  'get /api/app/list',
  'post /api/app/run/{module_id}',
  'get /api/system/info',
];

describe('the committed OpenAPI document', () => {
  it('has every route of the seed with its method', () => {
    const present = new Set(operations.map(({ route, method }) => `${method} ${route}`));
    expect(SEED_ROUTES.filter((r) => !present.has(r))).toEqual([]);
  });

  it('names every operation with a unique, readable id', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents a problem document for the errors of every operation', () => {
    for (const { route, method, op } of operations) {
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect({ route, method, has500: errors.includes('500') }).toEqual({ route, method, has500: true });
      for (const status of errors) {
        expect(op.responses[status].content?.['application/problem+json']).toBeDefined();
      }
    }
  });

  it('documents a success response with its schema for every operation', () => {
    for (const { route, method, op } of operations) {
      const ok = Object.entries(op.responses).filter(([s]) => Number(s) < 300);
      expect({ route, method, ok: ok.length > 0 }).toEqual({ route, method, ok: true });
      for (const [status, response] of ok) {
        // 204 has no body; a file download documents its bytes, not JSON.
        if (status === '204' || !response.content?.['application/json']) {
          expect({
            route,
            method,
            status,
            body: status === '204' || Object.keys(response.content ?? {}).length > 0,
          }).toEqual({ route, method, status, body: true });
          continue;
        }
        expect({ route, method, status, schema: response.content['application/json'].schema !== undefined }).toEqual({
          route,
          method,
          status,
          schema: true,
        });
      }
    }
  });
});
