import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { rebuildError } from './rebuild-error';

/**
 * Gives a machine-readable code to errors in the request itself, which the runtime reports without one:
 * variables of the wrong type or missing (`BAD_USER_INPUT`, as the partner contract requires) and documents
 * that do not validate against the schema (`GRAPHQL_VALIDATION_FAILED`).
 */
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
          // A result with errors and no `data` at all never started executing: its variables could not be coerced.
          if (Symbol.asyncIterator in result || result.data !== undefined || !result.errors?.length) return;
          setResult({ ...result, errors: withCode(result.errors, 'BAD_USER_INPUT') });
        },
      };
    },
  };
}
