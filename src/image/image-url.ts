/**
 * Image routes take an image name as their last parameter, and image names
 * are often namespaced (`team/x:1`, `webapi-app/example-script:1`). The
 * generated SDK sends the name percent-encoded in one segment
 * (`/api/image/item/team%2Fx%3A1`); curl and browsers send real slashes
 * (`/api/image/item/team/x:1`). Like the storage paths (storage-url.ts), the
 * second form is folded into the first before routing, so one route with a
 * `:name` parameter serves both.
 */
const NAMED = /^(\/api\/image\/(?:create|item)\/)([^?#]*)(.*)$/s;

export function foldImageUrl(url: string): string {
  const match = NAMED.exec(url);
  if (!match) return url;
  const [, head, rest, tail] = match;
  if (!rest.includes('/')) return url;
  return head + rest.replaceAll('/', '%2F') + tail;
}
