import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import type { ParticipantsContext } from '../context';
import { ELIGIBILITY_CODES, FAMILY_CARD_CAP, MAX_AGE, MIN_AGE } from '../eligibility/eligibility.rules';
import { SCHEMA, sql } from '../sql';
import { EXCLUDED_OCCUPATIONS, Gender } from './participant.enums';

@ObjectType({ description: 'Participants registered in one province.' })
class ProvinceCount {
  @Field({ description: 'Two-digit province code.' })
  provinceCode: string;

  @Field({ description: 'Province name.' })
  provinceName: string;

  @Field(() => Int, { description: 'Registered participants.' })
  count: number;
}

@ObjectType({ description: 'Participants of one sex.' })
class GenderCount {
  @Field(() => Gender, { description: 'Sex.' })
  gender: Gender;

  @Field(() => Int, { description: 'Registered participants.' })
  count: number;
}

@ObjectType({ description: 'Participants excluded by one eligibility rule (a person can be excluded by several).' })
class EligibilityReasonCount {
  @Field({ description: 'Eligibility reason code.' })
  code: string;

  @Field(() => Int, { description: 'Participants this rule excludes now.' })
  count: number;
}

@ObjectType({ description: 'Aggregates over all registrations; no personal data.' })
class ParticipantStatistics {
  @Field(() => Int, { description: 'Registered participants.' })
  total: number;

  @Field(() => Int, { description: 'Participants no rule excludes now.' })
  eligibleCount: number;

  @Field(() => Int, { description: 'Participants ever selected (cards issued).' })
  selectedCount: number;

  @Field(() => [ProvinceCount], { description: 'By province of the NIK, largest first.' })
  byProvince: ProvinceCount[];

  @Field(() => [GenderCount], { description: 'By sex.' })
  byGender: GenderCount[];

  @Field(() => [EligibilityReasonCount], { description: 'By eligibility reason.' })
  byEligibilityReason: EligibilityReasonCount[];
}

const excluded = [...EXCLUDED_OCCUPATIONS].map((o) => `'${o}'`).join(', ');

/** The same rules as eligibility.rules, as SQL aggregates, so statistics never load people one by one. */
const STATISTICS_SQL = `
WITH today AS (SELECT (now() AT TIME ZONE 'UTC')::date AS d),
selected_by_card AS (
  SELECT p.family_card_number AS kk, count(*) AS n FROM ${SCHEMA}.card c JOIN ${SCHEMA}.participant p ON p.id = c.participant_id GROUP BY 1),
facts AS (
  SELECT NOT p.citizen AS not_citizen,
         p.birth_date > (SELECT d FROM today) - interval '${MIN_AGE} years' OR p.birth_date <= (SELECT d FROM today) - interval '${MAX_AGE + 1} years' AS age,
         p.education_status = 'IN_FORMAL_EDUCATION' AS education,
         p.occupation IN (${excluded}) AS occupation,
         EXISTS (SELECT 1 FROM ${SCHEMA}.card c WHERE c.participant_id = p.id) AS selected,
         coalesce(s.n, 0) AS kk_selected
  FROM ${SCHEMA}.participant p LEFT JOIN selected_by_card s ON s.kk = p.family_card_number),
flags AS (SELECT *, kk_selected - (CASE WHEN selected THEN 1 ELSE 0 END) >= ${FAMILY_CARD_CAP} AS family FROM facts)
SELECT count(*) AS total,
       count(*) FILTER (WHERE selected) AS selected_count,
       count(*) FILTER (WHERE NOT (not_citizen OR age OR education OR occupation OR family OR selected)) AS eligible,
       count(*) FILTER (WHERE not_citizen) AS "NOT_CITIZEN",
       count(*) FILTER (WHERE age) AS "AGE_OUT_OF_RANGE",
       count(*) FILTER (WHERE education) AS "IN_FORMAL_EDUCATION",
       count(*) FILTER (WHERE occupation) AS "EXCLUDED_OCCUPATION",
       count(*) FILTER (WHERE family) AS "FAMILY_CARD_LIMIT",
       count(*) FILTER (WHERE selected) AS "ALREADY_PARTICIPATED"
FROM flags`;

@Resolver()
export class StatisticsResolver {
  @Query(() => ParticipantStatistics, {
    nullable: true,
    description: 'Counts by province, sex and eligibility reason. Analysts and the programme office; no personal data.',
    deprecationReason:
      'Scans the operational tables on every call and shows small counts unsuppressed: use analyticsTable (PARTICIPANTS, SELECTED by PROVINCE, SEX…), which reads the analytics read model with disclosure control; eligibility reasons there: INELIGIBLE_REGISTRATIONS, REGISTRATIONS_<rule>, APPLICATIONS_<rule>.',
  })
  async participantStatistics(@Ctx() { identity, em }: ParticipantsContext): Promise<ParticipantStatistics> {
    requireRole(identity, 'analyst', 'admin');
    const [[totals], provinces, genders] = await Promise.all([
      sql<Record<string, string>>(em, STATISTICS_SQL),
      sql<{ province_code: string; province_name: string; n: string }>(
        em,
        `SELECT province_code, province_name, count(*) AS n FROM ${SCHEMA}.participant GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
      ),
      sql<{ gender: Gender; n: string }>(em, `SELECT gender, count(*) AS n FROM ${SCHEMA}.participant GROUP BY 1 ORDER BY 1`),
    ]);
    return {
      total: Number(totals.total),
      eligibleCount: Number(totals.eligible),
      selectedCount: Number(totals.selected_count),
      byProvince: provinces.map((p) => ({ provinceCode: p.province_code, provinceName: p.province_name, count: Number(p.n) })),
      byGender: genders.map((g) => ({ gender: g.gender, count: Number(g.n) })),
      byEligibilityReason: ELIGIBILITY_CODES.map((code) => ({ code, count: Number(totals[code]) })),
    };
  }
}
