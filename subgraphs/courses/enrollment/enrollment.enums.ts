import { registerEnumType } from 'type-graphql';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLING = 'CANCELLING',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description:
    'Where an enrollment is: ENROLLED → IN_PROGRESS (first attendance) → COMPLETED, or ENROLLED → CANCELLING → CANCELLED (void).',
  valuesConfig: {
    ENROLLED: { description: 'Paid; no session attended yet. The only status that can be voided.' },
    IN_PROGRESS: { description: 'At least one session attended.' },
    COMPLETED: { description: 'All sessions attended and completion reported with a certificate.' },
    CANCELLING: {
      description:
        'Void accepted and the refund is being finalised. Transient: a retry of enrollmentVoid, or the server’s reconciler on its next run, makes it CANCELLED.',
    },
    CANCELLED: { description: 'Voided; the amount was refunded to the balance once.' },
  },
});
