import { ApiParam } from '@nestjs/swagger';

/**
 * Documents the `{name}` path parameter of a catalog route. No `pattern` in
 * the schema: Swagger UI checks patterns without the Unicode flag, so
 * `\p{L}` would refuse the very names it describes.
 */
export function ApiCatalogName(label: string): MethodDecorator {
  return ApiParam({
    name: 'name',
    description:
      `The ${label}'s name, percent-encoded: 1-128 Unicode letters, digits, spaces, \`_\`, \`.\` or \`-\`, ` +
      'starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form.',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  });
}
