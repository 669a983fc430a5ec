import type { Identity } from '../../common/identity';

const { IDENTITY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signInternalRequest } =
  require('../../dist/common/identity') as typeof import('../../common/identity');

export const IDENTITY_HEADER_NAMES = [IDENTITY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER];

/** Identity headers as an attacker would write them, signed with a secret the attacker guessed. */
export function forgedIdentityHeaders(identity: Identity, body = ''): Record<string, string> {
  return {
    ...signInternalRequest('guessed-secret-guessed-secret-guessed', identity, body),
    'x-user-role': identity.role,
    'x-user-id': identity.subject ?? '',
  };
}
