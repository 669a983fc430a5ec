import { GraphQLError } from 'graphql';

/** The same error (locations, path, cause) with another message or extensions: GraphQLError is immutable. */
export const rebuildError = (error: GraphQLError, message: string, extensions: Record<string, unknown> | undefined) =>
  new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
