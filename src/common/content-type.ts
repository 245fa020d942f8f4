/** The media type a route takes when it declares none: a JSON body. */
export const JSON_MEDIA_TYPE = 'application/json';

/** The media type of a Content-Type header value, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Why a request body of this Content-Type is not one the route takes, or
 * undefined when it is (or when there is no body: nothing to refuse).
 */
export function contentTypeProblem(
  contentType: string | undefined,
  hasBody: boolean,
  accepted: readonly string[],
): string | undefined {
  if (!hasBody) return undefined;
  const type = mediaTypeOf(contentType);
  if (accepted.includes(type)) return undefined;
  const expected = accepted.join(' or ');
  return type
    ? `This route takes ${expected}, not ${type}`
    : `This route takes ${expected}: set the Content-Type header`;
}
