import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { scrubErrorMessage } from '../../common/logger';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Last look at every error before it leaves the gateway, whatever produced it (parser, validation,
 * variable coercion, a subgraph): variable values echoed by graphql-js are dropped and 16-digit runs masked,
 * so a NIK or KK never comes back in an error message. Outside development the "Did you mean …?" field
 * suggestions are removed too: with introspection off they would otherwise leak the schema field by field.
 */
export function useErrorHygiene(options: { suggestions: boolean }): GatewayPlugin {
  const clean = (message: string) => scrubErrorMessage(options.suggestions ? message : message.replace(SUGGESTION, ''));
  const rewrite = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((error) => {
      const message = clean(error.message);
      if (message === error.message) return error;
      if (!(error instanceof GraphQLError)) return { ...(error as object), message } as GraphQLError;
      return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
    });
    return { ...result, errors };
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((r) => rewrite(r as ExecutionResult)));
      else if (result && typeof result === 'object' && 'errors' in result) setResult(rewrite(result as ExecutionResult));
    },
  };
}
