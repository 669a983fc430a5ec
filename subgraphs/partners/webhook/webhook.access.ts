import type { Identity } from '../../../common/identity';

export { requireOfficeOrOwnStaff } from '../../../common/auth';

/** The platforms whose deliveries the caller may see: null for the office (all), else its own only. */
export const ownPartnerOf = (identity: Identity): string | null => (identity.role === 'admin' ? null : identity.partnerId!);
