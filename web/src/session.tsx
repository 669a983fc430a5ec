import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { WebConfig } from './config';

export interface Session {
  config: WebConfig;
  manager: UserManager;
  user: User | null;
  /** Runs a persisted document as the signed-in person (or anonymously). */
  run<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<T>;
}

export const SessionContext = createContext<Session | null>(null);
export const useSession = () => useContext(SessionContext)!;

/**
 * Loads a query's data with loading and error states; `reload` runs it again, as does a change of `version`.
 * Only the latest request's answer is kept: a slower answer to earlier variables (the catalogue before a
 * category was picked) arriving last must not replace the current one.
 */
export function useQuery<T, V>(document: TypedDocumentNode<T, V>, variables: V, version = 0) {
  const { run } = useSession();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  const reload = useCallback(() => {
    const request = ++latest.current;
    const settle = (next: { data?: T; error?: unknown; loading: boolean }) => request === latest.current && setState(next);
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run(document, JSON.parse(key) as V).then(
      (data) => settle({ data, loading: false }),
      (error: unknown) => settle({ error, loading: false }),
    );
  }, [run, document, key, version]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}
