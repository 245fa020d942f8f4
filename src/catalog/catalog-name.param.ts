import { ApiParam } from '@nestjs/swagger';
import { CATALOG_NAME } from './catalog-fields';

/** Documents the `{name}` path parameter of a catalog route: a URL-safe name. */
export function ApiCatalogName(label: string): MethodDecorator {
  return ApiParam({
    name: 'name',
    description: `The ${label}'s name: 1-128 letters, digits, \`_\`, \`.\` or \`-\`, starting with a letter or digit (else 400).`,
    schema: { type: 'string', pattern: CATALOG_NAME.source },
  });
}
