import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../common/errors';
import type { CoursesContext } from '../context';
import { Course } from '../course/course.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentStatus } from '../enrollment/enrollment.enums';
import { partnerRef, PartnerRef } from '../shared/entity-stubs';

@ObjectType({ description: 'A genuine certificate: which course, which platform, when. Nothing about the person who holds it.' })
class VerifiedCertificate {
  @Field({ description: 'The certificate number, as the platform issued it.' })
  number: string;

  @Field({ description: 'When the completion, and so the certificate, was recorded.' })
  issuedAt: Date;

  @Field(() => Course, { nullable: true, description: 'The course completed (null only if the course cannot be read).' })
  course: Course | null;

  @Field(() => PartnerRef, { nullable: true, description: 'The platform that issued the certificate.' })
  platform: PartnerRef | null;
}

@ObjectType({ description: 'The answer to "is this Prakerja certificate genuine?", for anyone (an employer, say).' })
class CertificateVerification {
  @Field({ description: 'The number asked about, trimmed.' })
  number: string;

  @Field({ description: 'Whether a completed enrollment carries this certificate number.' })
  genuine: boolean;

  @Field(() => [VerifiedCertificate], {
    description: 'Each certificate with this number: usually one; two platforms may have issued the same number.',
  })
  certificates: VerifiedCertificate[];
}

/** Longest number a platform may issue that is worth looking up (the completion report accepts no more). */
const MAX_NUMBER_LENGTH = 100;

@Resolver()
export class CertificateResolver {
  @Query(() => CertificateVerification, {
    nullable: true,
    description:
      'Checks a certificate number: genuine or not, for which course and platform, issued when. Open to anyone, and tells nothing about its holder.',
  })
  async certificateVerification(
    @Arg('number', { description: 'The certificate number printed on the certificate.' }) raw: string,
    @Ctx() { em, loaders }: CoursesContext,
  ): Promise<CertificateVerification> {
    const number = raw.trim();
    if (!number || number.length > MAX_NUMBER_LENGTH)
      throw badInput(`A certificate number is 1 to ${MAX_NUMBER_LENGTH} characters`, 'number');
    const enrollments = await em.find(
      Enrollment,
      { certificateNumber: number, status: EnrollmentStatus.COMPLETED },
      { orderBy: { certificateIssuedAt: 'asc' } },
    );
    const courses = await Promise.all(enrollments.map((e) => loaders.course.load(e.course.id)));
    return {
      number,
      genuine: enrollments.length > 0,
      certificates: enrollments.map((e, i) => ({
        number,
        issuedAt: e.certificateIssuedAt!,
        course: courses[i] ?? null,
        platform: partnerRef(e.partnerId),
      })),
    };
  }
}
