import { isAdmin, isSelf } from '../../../common/auth';
import type { Identity } from '../../../common/identity';

/** Personal data (NIK, KK, name, birth date, contacts, address, card number, money) is for the person and the programme office only. */
export const canSeePersonal = (identity: Identity, participantId: string) => isAdmin(identity) || isSelf(identity, participantId);

/**
 * Who may hold a Participant record at all (fields other than personal ones): the office, analysts, partners
 * and services (through entity references), and the person themself. Another participant gets null.
 */
export const canSeeRecord = (identity: Identity, participantId: string) =>
  identity.role === 'admin' ||
  identity.role === 'analyst' ||
  identity.role === 'partner' ||
  identity.role === 'service' ||
  isSelf(identity, participantId);
