import 'server-only';
import { NextResponse } from 'next/server';
import { z, ZodError } from 'zod';
import { InvalidOperationError, NotFoundError, UnreadableDocumentError } from '@/lib/access/errors';
import { EmailTakenError, type User } from '@/lib/storage/records';
import { BodyTooLargeError, readBodyWithin } from '@/lib/http/bounded-body';
import { getCurrentUser } from './current-user';

export type ApiErrorCode = 'unauthorized' | 'not_found' | 'invalid_input' | 'conflict' | 'unreadable' | 'too_large' | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  // Stored bytes that do not decode: the request was fine, the manuscript's state is the conflict.
  unreadable: 409,
  too_large: 413,
  internal: 500,
};

export function apiError(code: ApiErrorCode, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status: STATUS[code] });
}

/** Route params that fail validation are answered like an unknown resource. */
export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('resource');
  return parsed.data;
}

/** No JSON body the API takes comes near this; a larger one is refused while it streams, never buffered whole. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

export async function parseBody<T extends z.ZodType>(schema: T, request: Request): Promise<z.infer<T>> {
  const bytes = await readBodyWithin(request, MAX_JSON_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ZodError([{ code: 'custom', path: [], message: 'The body must be JSON.', input: undefined }]);
  }
  return schema.parse(body);
}

/**
 * Wraps a route handler: resolves the user (session cookie or bearer token) or answers 401, and
 * maps domain errors to JSON errors. Authorisation stays in the handler's own operation call.
 */
export function withUser<P = Record<string, never>>(
  handler: (context: { request: Request; user: User; params: P }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) return apiError('unauthorized', 'Sign in, or send Authorization: Bearer <token>.');
      const result = await handler({ request, user, params: await context.params });
      if (result instanceof Response) return result;
      return result === undefined ? new NextResponse(null, { status: 204 }) : NextResponse.json(result);
    } catch (error) {
      if (error instanceof NotFoundError) return apiError('not_found', 'Not found.');
      if (error instanceof ZodError) return apiError('invalid_input', error.issues.map((issue) => issue.message).join(' '));
      if (error instanceof InvalidOperationError || error instanceof EmailTakenError) return apiError('conflict', error.message);
      if (error instanceof UnreadableDocumentError) return apiError('unreadable', error.message);
      if (error instanceof BodyTooLargeError) return apiError('too_large', `That request is larger than ${Math.round(error.maxBytes / 1024)} KB.`);
      console.error('[web] API error', error);
      return apiError('internal', 'Something went wrong.');
    }
  };
}
