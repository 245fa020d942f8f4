/**
 * Some routes take a last parameter that may hold slashes: a storage file
 * path (`/api/storage/file/default/a/b.png`) or a namespaced image name
 * (`/api/image/item/team/x:1`). The generated SDK sends it percent-encoded
 * in one segment (`a%2Fb.png`, `team%2Fx%3A1`), while a browser's
 * `<img src>`, a link or curl uses real slashes. Before routing, the second
 * form is folded into the first: the slashes of that last parameter are
 * encoded, so one route with a single `:param` serves both and the router
 * decodes the value exactly once.
 */
interface NestedParamRoute {
  /** Matches [everything before the parameter, the parameter and what follows, the query]. */
  pattern: RegExp;
  /** What an empty parameter (a trailing slash alone) stands for, if anything. */
  empty?: string;
}

const ROUTES: NestedParamRoute[] = [
  // After the storage id; a trailing slash alone (`/api/storage/list/default/`) names the storage root.
  { pattern: /^(\/api\/storage\/(?:list|dir|file|item)\/[^/?#]+\/)([^?#]*)(.*)$/s, empty: '.' },
  { pattern: /^(\/api\/image\/(?:create|item|events)\/)([^?#]*)(.*)$/s },
];

export function foldNestedUrl(url: string): string {
  for (const { pattern, empty } of ROUTES) {
    const match = pattern.exec(url);
    if (!match) continue;
    const [, head, rest, tail] = match;
    if (rest === '' && empty !== undefined) return `${head}${empty}${tail}`;
    if (!rest.includes('/')) return url;
    return head + rest.replaceAll('/', '%2F') + tail;
  }
  return url;
}
