/**
 * The console's pages live in the URL fragment (`#/runs`, `#/run/<id>`,
 * `#/storage/<id>/<folder>`), so a reload or a shared link opens the same page
 * and the server needs no route per page.
 */
export interface Route {
  page: string;
  /** The decoded segments after the page name. */
  args: string[];
}

export function parseRoute(hash: string): Route {
  const [page = '', ...args] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { page: page || 'runs', args };
}

/** The fragment of a page: each segment encoded, so names with "/", "#" or spaces survive. */
export function href(page: string, ...args: string[]): string {
  return `#/${[page, ...args].map(encodeURIComponent).join('/')}`;
}
