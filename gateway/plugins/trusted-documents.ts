import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, stripIgnoredCharacters } from 'graphql';
import { projectRoot } from '../../common/config';
import type { GatewayContext } from '../context';

/** The partner contract's documents, by the SHA-256 of their normalised text (whitespace, commas and comments dropped). */
export interface PartnerDocuments {
  names: string[];
  hashes: Set<string>;
}

/** Hash of a document's normalised text: the same for any layout of the same tokens; null for text that does not lex. */
export function documentHash(text: string): string | null {
  try {
    return createHash('sha256').update(stripIgnoredCharacters(text)).digest('hex');
  } catch {
    return null;
  }
}

/** Reads the contract's copies in `schema/operations/partner/` (byte-identical to the contract folder). */
export function loadPartnerDocuments(dir = resolve(projectRoot, 'schema/operations/partner')): PartnerDocuments {
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  if (!files.length) throw new Error(`no partner documents in ${dir}`);
  return {
    names: files.map((f) => basename(f, '.graphql')).sort(),
    hashes: new Set(files.map((f) => documentHash(readFileSync(resolve(dir, f), 'utf8'))!)),
  };
}

/** The web client's persisted documents, by SHA-256 hash, as GraphQL Code Generator wrote them at build. */
export type WebDocuments = ReadonlyMap<string, string>;

/** Reads `web/src/gql/persisted-documents.json` (`sha256:<hex>` -> text), committed and checked for staleness by a test. */
export function loadWebDocuments(file = resolve(projectRoot, 'web/src/gql/persisted-documents.json')): WebDocuments {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  return new Map(entries.map(([hash, text]) => [hash.replace(/^sha256:/, ''), text]));
}

/** Roles whose only client is the web app: in production they may send nothing but its persisted documents. */
const WEB_CLIENT_ROLES = new Set(['participant', 'anonymous']);

type RefusalCode = 'UNAUTHENTICATED' | 'OPERATION_NOT_IN_CONTRACT' | 'PERSISTED_DOCUMENT_NOT_FOUND' | 'PERSISTED_DOCUMENT_REQUIRED';

const refusal = (code: RefusalCode, status: number, message: string) => ({
  errors: [new GraphQLError(message, { extensions: { code, http: { status } } })],
});

/**
 * The web client sends persisted documents only (`extensions.persistedQuery.sha256Hash`, hashes generated at
 * build); with `web.required` (production) participants and anonymous callers may send nothing else, while
 * admins and analysts still explore with any document.
 *
 * Partners are held to the contract: a signed request must carry one of its documents (in any layout), and
 * anything else is refused before it is parsed. The same documents sent with no credentials at all are a
 * partner operation called unauthenticated: top-level UNAUTHENTICATED with HTTP 401, as the contract says
 * (the office may send some of them with its token: the subgraphs' role checks decide those).
 */
export function useTrustedDocuments(
  documents: PartnerDocuments,
  web: { documents: WebDocuments; required: boolean } = { documents: new Map(), required: false },
): GatewayPlugin {
  // Only a text naming one of the documents can be one: others are not hashed (no cost on every request).
  const mayBeContract = (text: string) => documents.names.some((name) => text.includes(name));
  const isContract = (text: unknown) => typeof text === 'string' && mayBeContract(text) && documents.hashes.has(documentHash(text) ?? '');
  return {
    onParams({ params, context, setParams, setResult }) {
      const { identity } = context as GatewayContext; // the server context that server.ts hands over
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (hash !== undefined) {
        // Only documents generated at build are known by hash: nothing is registered at run time (no APQ), so
        // text sent with a hash, or a hash not generated, is refused whoever sends it.
        const text = typeof hash === 'string' && !params.query ? web.documents.get(hash) : undefined;
        if (!text) {
          // The runtime's own parameter check runs after this hook and would throw on a missing query: the
          // refusal below is the answer, the placeholder only satisfies that check and is never executed.
          setParams({ ...params, query: '{ __typename }' });
          return setResult(
            refusal(
              'PERSISTED_DOCUMENT_NOT_FOUND',
              400,
              params.query ? 'Documents are not registered at run time; send a known hash alone' : 'No persisted document has this hash',
            ),
          );
        }
        params = { ...params, query: text };
        setParams(params);
      } else if (web.required && WEB_CLIENT_ROLES.has(identity?.role ?? 'anonymous') && !isContract(params.query)) {
        return setResult(
          refusal('PERSISTED_DOCUMENT_REQUIRED', 403, "Only the web client's persisted documents may be sent (by their sha256Hash)"),
        );
      }
      const partner = identity?.role === 'partner';
      if (partner && !isContract(params.query)) {
        setResult(
          refusal(
            'OPERATION_NOT_IN_CONTRACT',
            403,
            `Partner platforms may send only the contract's documents (${documents.names.join(', ')}); this one is not among them`,
          ),
        );
      } else if (identity?.role === 'anonymous' && isContract(params.query)) {
        setResult(refusal('UNAUTHENTICATED', 401, 'Partner operations must be signed (x-client-id, x-timestamp, x-signature)'));
      }
    },
  };
}
