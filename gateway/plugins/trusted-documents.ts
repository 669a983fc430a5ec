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

const refusal = (code: 'UNAUTHENTICATED' | 'OPERATION_NOT_IN_CONTRACT', status: number, message: string) => ({
  errors: [new GraphQLError(message, { extensions: { code, http: { status } } })],
});

/**
 * Partners are held to the contract: a signed request must carry one of its documents (in any layout), and
 * anything else is refused before it is parsed. The same documents sent with no credentials at all are a
 * partner operation called unauthenticated: top-level UNAUTHENTICATED with HTTP 401, as the contract says
 * (the office may send some of them with its token: the subgraphs' role checks decide those).
 */
export function useTrustedDocuments(documents: PartnerDocuments): GatewayPlugin {
  // Only a text naming one of the documents can be one: others are not hashed (no cost on every request).
  const mayBeContract = (text: string) => documents.names.some((name) => text.includes(name));
  const isContract = (text: unknown) => typeof text === 'string' && mayBeContract(text) && documents.hashes.has(documentHash(text) ?? '');
  return {
    onParams({ params, context, setResult }) {
      const { identity } = context as GatewayContext; // the server context that server.ts hands over
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
