import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { rebuildError } from './rebuild-error';

/**
 * Gives a machine-readable code to errors in the request itself, which the runtime reports without one:
 * variables of the wrong type or missing (`BAD_USER_INPUT`, as the partner contract requires) and documents
 * that do not validate against the schema (`GRAPHQL_VALIDATION_FAILED`).
 */
const isSubgraphVariableError = (e: Error) =>
  e instanceof GraphQLError && e.extensions?.code === 'BAD_USER_INPUT' && e.message.startsWith('Variable "$');

export function useRequestErrorCodes(): GatewayPlugin {
  const withCode = (errors: readonly Error[], code: string) =>
    errors.map((e) => (!(e instanceof GraphQLError) || e.extensions?.code ? e : rebuildError(e, e.message, { ...e.extensions, code })));
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(withCode(result, 'GRAPHQL_VALIDATION_FAILED'));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors?.length) return;
          // Variables of a custom scalar (SafeInt, DateTime) are coerced by the subgraph, which then executes
          // nothing: with every root field null, the answer is the malformed request's, no data, as the contract says.
          if (result.data && Object.values(result.data).every((v) => v === null) && result.errors.every(isSubgraphVariableError)) {
            return setResult({ ...result, data: null });
          }
          // A result with errors and no `data` at all never started executing: its variables could not be coerced.
          if (result.data !== undefined) return;
          setResult({ ...result, errors: withCode(result.errors, 'BAD_USER_INPUT') });
        },
      };
    },
  };
}
