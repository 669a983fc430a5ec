import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { scrubErrorMessage } from '../../common/logger';
import { rebuildError } from './rebuild-error';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
/** Extensions a client may see; the runtime's own (serviceName, the upstream request with its URL and body) never leave. */
const PUBLIC_EXTENSIONS = new Set(['code', 'retryAfterSeconds', 'field', 'http']);

function publicExtensions(extensions: Record<string, unknown> | undefined, partial: boolean): Record<string, unknown> | undefined {
  const allowed = (key: string) => PUBLIC_EXTENSIONS.has(key) && !(partial && key === 'http');
  if (!extensions || Object.keys(extensions).every(allowed)) return extensions;
  return Object.fromEntries(Object.entries(extensions).filter(([key]) => allowed(key)));
}

/**
 * Last look at every error before it leaves the gateway, whatever produced it (parser, validation,
 * variable coercion, a subgraph): variable values echoed by graphql-js are dropped and 16-digit runs masked,
 * so a NIK or KK never comes back in an error message. Outside development the "Did you mean …?" field
 * suggestions are removed too: with introspection off they would otherwise leak the schema field by field.
 * Only known extensions pass: an upstream failure (a timeout) would otherwise carry the subgraph's name, URL
 * and the request body with its variables. An answer with data is a partial result: a field's error (a
 * subgraph's GATEWAY_TIMEOUT, 504) must not set the status of the whole answer, which stays 200.
 */
export function useErrorHygiene(options: { suggestions: boolean }): GatewayPlugin {
  const clean = (message: string) => scrubErrorMessage(options.suggestions ? message : message.replace(SUGGESTION, ''));
  const rewrite = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors?.length) return result;
    const partial = result.data != null;
    const errors = result.errors.map((error) => {
      const message = clean(error.message);
      const extensions = publicExtensions(error.extensions as Record<string, unknown> | undefined, partial);
      if (message === error.message && extensions === error.extensions) return error;
      if (!(error instanceof GraphQLError)) return { ...(error as object), message, extensions } as GraphQLError;
      return rebuildError(error, message, extensions);
    });
    return { ...result, errors };
  };
  return {
    onResultProcess({ result, setResult }) {
      // One result per request: batching is off (runtime.ts).
      if (result && typeof result === 'object' && 'errors' in result) setResult(rewrite(result as ExecutionResult));
    },
  };
}
