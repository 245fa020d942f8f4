/**
 * Storage routes take a file path as their last parameter. The generated SDK
 * sends it percent-encoded in one segment (`/api/storage/file/default/a%2Fb.png`),
 * while a browser's `<img src>` or a link uses real slashes
 * (`/api/storage/file/default/a/b.png`). Before routing, the second form is
 * folded into the first: the slashes after the storage id are encoded, so one
 * route with a `:file_path` parameter serves both and the router decodes the
 * path exactly once. A trailing slash alone (`/api/storage/list/default/`)
 * names the storage root.
 */
const NESTED = /^(\/api\/storage\/(?:list|dir|file|item)\/[^/?#]+\/)([^?#]*)(.*)$/s;

export function foldStorageUrl(url: string): string {
  const match = NESTED.exec(url);
  if (!match) return url;
  const [, head, rest, tail] = match;
  if (rest === '') return `${head}.${tail}`;
  if (!rest.includes('/')) return url;
  return head + rest.replaceAll('/', '%2F') + tail;
}
