import { isAdmin, isSelf } from '../../../common/auth';
import type { Identity } from '../../../common/identity';

/** Personal data (NIK, KK, name, birth date, contacts, address, card number, money) is for the person and the programme office only. */
export const canSeePersonal = (identity: Identity, participantId: string) => isAdmin(identity) || isSelf(identity, participantId);

/**
 * Who may hold a Participant record at all (fields other than personal ones): the office, analysts and services
 * (through entity references), and the person themself. Another participant gets null, and so does a platform:
 * the masked NIK, sex and province are not a platform's business, and it knows the person only by the pseudonymous
 * Enrollment.participantReference.
 */
export const canSeeRecord = (identity: Identity, participantId: string) =>
  identity.role === 'admin' || identity.role === 'analyst' || identity.role === 'service' || isSelf(identity, participantId);
