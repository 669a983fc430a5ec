import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { countTokens, measureExecution } from './operation-analysis';

export interface OperationLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** A refusal decided on the document alone: nothing was sent to any subgraph. */
const tooComplex = (message: string) => new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });

/**
 * Refuses operations too big to run, before any subgraph sees them: token count on the raw text (before the
 * parser builds anything), then depth, aliases and cost on the validated document with its variables.
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin {
  return {
    onParse({ params }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      const tokens = countTokens(text, limits.maxTokens);
      if (tokens !== null && tokens > limits.maxTokens) throw tooComplex(`The document has more than ${limits.maxTokens} tokens`);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const measure = measureExecution(args);
      const refusal =
        measure.depth > limits.maxDepth
          ? `The operation is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}`
          : measure.aliases > limits.maxAliases
            ? `The operation uses ${measure.aliases} aliases; the limit is ${limits.maxAliases}`
            : measure.cost > limits.maxCost
              ? `The operation's estimated cost is ${measure.cost}; the limit is ${limits.maxCost} (page sizes count, including those passed as variables)`
              : null;
      if (refusal) setResultAndStopExecution({ errors: [tooComplex(refusal)] });
    },
  };
}
