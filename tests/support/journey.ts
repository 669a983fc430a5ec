import { db } from './client';
import { invoice, offeredCourse, partnerRequest, readOtp, type PartnerCredential } from './partner';

/**
 * Buys a one-session course for the cardholder, attends it and completes it, through the partner contract;
 * returns the enrollment id. `beforeCompletion` runs while the enrollment is still in progress.
 */
export async function buyAttendComplete(
  partner: PartnerCredential,
  participantId: string,
  cardNumber: string,
  beforeCompletion: (enrollmentId: string) => Promise<void> = async () => undefined,
): Promise<string> {
  const courseId = await offeredCourse(partner.partnerId, 500_000, { sessionCount: 1, minimumDurationMinutes: 1 });
  const started = await partnerRequest(partner, 'StartPurchase', {
    input: { cardNumber, courseId, invoiceCode: invoice(), amount: 500_000 },
  });
  expect(started.data!.purchaseStart.userErrors).toEqual([]);
  const authorized = await partnerRequest(partner, 'AuthorizePurchase', {
    input: { purchaseId: started.data!.purchaseStart.purchase.id, otp: await readOtp(participantId) },
  });
  const enrollmentId = authorized.data!.purchaseAuthorize.enrollment.id as string;
  const attended = await partnerRequest(partner, 'ReportAttendance', {
    input: { enrollmentId, session: 1, attendedAt: new Date().toISOString() },
  });
  expect(attended.data!.attendanceReport.userErrors).toEqual([]);
  await beforeCompletion(enrollmentId);
  // Time travel: enrolled long enough ago for the minimum duration (enrolled_at changes emit no event).
  await db().query(`UPDATE courses.enrollment SET enrolled_at = now() - interval '1 day' WHERE id = $1`, [enrollmentId]);
  const completed = await partnerRequest(partner, 'ReportCompletion', {
    input: { enrollmentId, completedAt: new Date().toISOString(), score: 90, certificateNumber: `CERT-${enrollmentId.slice(0, 8)}` },
  });
  expect(completed.data!.completionReport.userErrors).toEqual([]);
  return enrollmentId;
}
