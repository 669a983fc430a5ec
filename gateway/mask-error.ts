import { GraphQLError } from 'graphql';

/** What a client reads when a field's data lives in a subgraph that could not be reached or did not answer GraphQL. */
export const UNAVAILABLE_CODE = 'SUBGRAPH_UNAVAILABLE';

/**
 * Codes the HTTP executor gives a subgraph call that failed below GraphQL: refused or reset connection, or an
 * answer that is not a GraphQL response (a proxy's 502 page, an empty body). A timeout is GATEWAY_TIMEOUT
 * already and passes unmasked.
 */
const TRANSPORT_FAILURES = new Set(['SUBREQUEST_HTTP_ERROR', 'RESPONSE_VALIDATION_FAILED']);

function transportFailure(error: unknown): boolean {
  for (let e = error; e instanceof GraphQLError; e = e.originalError) {
    if (TRANSPORT_FAILURES.has(e.extensions?.code as string)) return true;
  }
  return false;
}

/** graphql-yoga's rule: an error created as a GraphQLError (thrown on purpose, with its code) is shown as it is. */
function thrownOnPurpose(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null || thrownOnPurpose(error.originalError);
}

const located = (error: unknown) =>
  error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path } : {};

/**
 * The gateway's error masking. A subgraph that is down costs the fields it serves, each with
 * SUBGRAPH_UNAVAILABLE (retry later) instead of the "Unexpected error." of a bug; which subgraph, its URL and
 * the request stay out of the answer (the runtime logs the original). Everything else as graphql-yoga masks:
 * deliberate errors pass, the rest become INTERNAL_SERVER_ERROR.
 */
export function maskError(error: unknown, message: string): Error {
  if (transportFailure(error)) {
    return new GraphQLError('A service this field depends on is unavailable; retry later', {
      ...located(error),
      extensions: { code: UNAVAILABLE_CODE },
    });
  }
  if (thrownOnPurpose(error)) return error as GraphQLError;
  const http = error instanceof GraphQLError ? error.extensions?.http : undefined;
  return new GraphQLError(message, {
    ...located(error),
    extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true, ...(http ? { http } : {}) },
  });
}
