import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths, components, operations } from './schema';
export * from './events';

/** A typed client of the Docker Web API, generated from openapi/openapi.json. */
export function createApiClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  return createClient<paths>({ baseUrl, ...options });
}

export type ApiClient = ReturnType<typeof createApiClient>;
