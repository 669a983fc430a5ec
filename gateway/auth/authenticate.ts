import { ANONYMOUS, type Identity } from '../../common/identity';
import type { GatewayConfig } from '../config';
import { jwtVerifier } from './jwt';
import { PARTNER_HEADERS, partnerVerifier } from './partner-signature';
import { AccessDenied, invalidToken } from './errors';

/** What authentication reads of a request's headers (a Headers object, or the front's view of Node's). */
export type HeaderReader = Pick<Headers, 'get' | 'has'>;

/**
 * Decides who is calling: a partner (signed request), a person (bearer token) or anonymous. Client-sent
 * identity headers are never trusted; only this result reaches the subgraphs, signed by the gateway.
 */
export function authenticator(config: GatewayConfig) {
  const verifyJwt = jwtVerifier(config.jwt);
  const verifyPartner = partnerVerifier(config);
  return async function authenticate(request: {
    headers: HeaderReader;
    method: string;
    path: string;
    search: string;
    body: Buffer;
  }): Promise<Identity> {
    const { headers } = request;
    if (headers.has(PARTNER_HEADERS.clientId) || headers.has(PARTNER_HEADERS.signature)) {
      // The signature covers method, path and body, not a query string: a partner operation travels only as a
      // POST body, or a captured signature could carry another operation in `?query=`.
      if (request.method !== 'POST' || request.search) throw new AccessDenied('UNAUTHENTICATED', 'Invalid partner signature');
      return verifyPartner(headers, request.method, request.path, request.body);
    }
    const authorization = headers.get('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw invalidToken();
      return verifyJwt(match[1]);
    }
    return ANONYMOUS;
  };
}
