/**
 * Upload progress for calls of the generated client. `fetch` cannot report
 * how much of a request body has been sent; XMLHttpRequest can. These two
 * options of an openapi-fetch call swap only the transport: the client still
 * builds the URL, headers and body from the typed route, and parses the answer.
 *
 *   api.POST('/api/storage/file/{storage_id}/{file_path}', { params, body, ...withUploadProgress(onProgress) })
 */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** A Request that keeps the body it was made with, so the transport can hand it to XMLHttpRequest as it is (a FormData of File parts, never read into memory). */
class BodyKeepingRequest extends Request {
  readonly sentBody: BodyInit | null;
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.sentBody = init?.body ?? null;
  }
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function xhrFetch(onProgress: (progress: UploadProgress) => void): typeof fetch {
  return (input) =>
    new Promise<Response>((resolve, reject) => {
      const request = input as BodyKeepingRequest;
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      xhr.withCredentials = request.credentials !== 'omit';
      xhr.responseType = 'blob';
      request.headers.forEach((value, name) => {
        // A FormData body gets its own multipart boundary from XMLHttpRequest.
        if (!(name === 'content-type' && request.sentBody instanceof FormData)) xhr.setRequestHeader(name, value);
      });
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onload = () => {
        const body = NULL_BODY_STATUSES.has(xhr.status) ? null : (xhr.response as Blob);
        const response = new Response(body, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: responseHeaders(xhr.getAllResponseHeaders()),
        });
        Object.defineProperty(response, 'url', { value: xhr.responseURL });
        resolve(response);
      };
      xhr.onerror = () => reject(new TypeError('The upload failed: the connection was lost'));
      xhr.onabort = () => reject(new DOMException('The upload was canceled', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort());
      xhr.send(request.sentBody as XMLHttpRequestBodyInit | null);
    });
}

/** Options of a generated client call that send it with upload progress. */
export function withUploadProgress(onProgress: (progress: UploadProgress) => void) {
  return { Request: BodyKeepingRequest, fetch: xhrFetch(onProgress) };
}
