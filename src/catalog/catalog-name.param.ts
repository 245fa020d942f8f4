import { ApiParam } from '@nestjs/swagger';
import { NAME_PATTERN } from './name-pattern';

/** Documents the `{name}` path parameter of a catalog route: a URL-safe name. */
export function ApiCatalogName(label: string): MethodDecorator {
  return ApiParam({
    name: 'name',
    description: `The ${label}'s name: 1-128 letters, digits, \`_\`, \`.\` or \`-\`, starting with a letter or digit (else 400).`,
    schema: { type: 'string', pattern: NAME_PATTERN.source },
  });
}
