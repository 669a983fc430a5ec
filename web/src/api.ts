import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** The session is gone (expired or refused token): the person must sign in again. */
export class SessionExpiredError extends Error {}
/** The gateway could not be reached: the person may retry. */
export class NetworkError extends Error {}
/** The gateway answered with errors that are not about the session. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * Sends a persisted document: only its hash (generated at build) and variables travel, never a document text,
 * so the gateway runs nothing but the documents this app was built with.
 */
export async function request<T, V>(gatewayUrl: string, document: TypedDocumentNode<T, V>, variables: V, accessToken?: string): Promise<T> {
  const hash = (document as unknown as { __meta__: { hash: string } }).__meta__.hash.replace(/^sha256:/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-graphql-csrf-prevention': '1' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new NetworkError(`HTTP ${response.status}`);
  }
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  if (response.status === 401 || codes.includes('UNAUTHENTICATED')) throw new SessionExpiredError('session expired');
  if (!answer.data || answer.errors?.length) {
    const first = answer.errors?.[0];
    throw new ApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code);
  }
  return answer.data;
}

/**
 * A field the answer must carry: fields that can fail are nullable in the schema (a failure costs that field
 * alone), and an answer with any error is thrown before it gets here, so a null here is a broken answer.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`The answer carried no ${what}`);
  return value;
}
