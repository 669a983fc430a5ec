import { graphqlError, UserError } from '../../../common/errors';
import { log } from '../../../common/logger';
import type { PartnersPort } from './partners.client';

/*
 * Platforms and training institutions are records of the partners subgraph; this subgraph stores only their
 * ids. Before an admin's write names one, the partners subgraph is asked whether it exists, so a typo is
 * refused instead of creating a course or an offering of nothing. The answer can go stale (a platform may be
 * terminated a moment later): there is no transaction across subgraphs, and this is a check of the office's
 * input, not a constraint.
 */

/** Asks the partners subgraph; when it cannot answer, the write fails rather than go ahead unchecked. */
async function ask<T>(what: string, question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    log.error('partners subgraph check failed', { what, error: String(error) });
    throw graphqlError('INTERNAL_SERVER_ERROR', `The ${what} could not be checked right now; nothing was written, retry later`);
  }
}

/** INSTITUTION_NOT_FOUND unless the training institution is registered. */
export async function institutionRefusal(partners: PartnersPort, institutionId: string): Promise<UserError | null> {
  const exists = await ask('training institution', () => partners.institutionExists(institutionId));
  return exists ? null : UserError.of('INSTITUTION_NOT_FOUND', 'No such training institution', ['input', 'institutionId']);
}

/**
 * PARTNER_NOT_FOUND unless the platform exists; PARTNER_TERMINATED when a TERMINATED platform would sell the
 * course. Every other status is accepted: the office prepares listings before a platform goes live, and a
 * suspension is temporary. Withdrawing (`selling` false) stays possible after termination, so that a terminated
 * platform's listings can still be taken down.
 */
export async function partnerRefusal(partners: PartnersPort, partnerId: string, selling: boolean): Promise<UserError | null> {
  const status = await ask('platform', () => partners.partnerStatus(partnerId));
  if (status === null) return UserError.of('PARTNER_NOT_FOUND', 'No such platform', ['input', 'partnerId']);
  if (status === 'TERMINATED' && selling) {
    return UserError.of('PARTNER_TERMINATED', 'The platform’s cooperation was terminated; it can no longer sell courses', [
      'input',
      'partnerId',
    ]);
  }
  return null;
}
