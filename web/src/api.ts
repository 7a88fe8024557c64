/**
 * The dashboard's only way to the service: same-origin fetches to /v1 with the signed-in API key.
 * Errors come back in the API's one shape, `{error: {code, message, path}}`, and are thrown as
 * ApiError so a page can show the message and the field it names.
 */

import type { ResponseOf } from './records.js';

/** The calling key's organization and role (GET /v1/me). */
export type Me = ResponseOf<'getMe'>;
export type Role = Me['role'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }

  /** "field.sub: message", or the message alone. */
  describe(): string {
    return this.path.length > 0 ? `${this.path.join('.')}: ${this.message}` : this.message;
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Response body as text (CSV, HTML) instead of JSON. */
  text?: boolean;
  /** Response body as a Blob (PDF, downloads). */
  blob?: boolean;
  signal?: AbortSignal;
}

export type Api = <T = unknown>(path: string, options?: ApiOptions) => Promise<T>;

/** A fetch-based client bound to one API key. `path` starts with "/v1/" (or "/"). */
export function apiClient(key: string): Api {
  return async <T>(path: string, options: ApiOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!response.ok) {
      let body: { error?: { code?: string; message?: string; path?: (string | number)[] } } = {};
      try {
        body = await response.json();
      } catch {
        // not JSON: fall through to the status text
      }
      throw new ApiError(
        response.status,
        body.error?.code ?? 'http_error',
        body.error?.message ?? `${response.status} ${response.statusText}`,
        body.error?.path ?? [],
      );
    }
    if (options.text) return (await response.text()) as T;
    if (options.blob) return (await response.blob()) as T;
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  };
}

/** Who a key belongs to; throws ApiError 401 for an unknown key. */
export async function whoAmI(key: string): Promise<Me> {
  return apiClient(key)<Me>('/v1/me');
}
