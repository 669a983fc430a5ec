import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, parse, type GraphQLObjectType } from 'graphql';

/** The public API schema clients see, from the committed supergraph. */
const schema = buildASTSchema(
  transformSupergraphToPublicSchema(parse(readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'))),
);
const mutations = Object.values(schema.getMutationType()!.getFields());
const payloadOf = (mutation: (typeof mutations)[number]) => getNamedType(mutation.type) as GraphQLObjectType;

/*
 * Conventions new and changed mutations keep (Shopify-style payloads). The lists below are the mutations that
 * predate them; shrink them when one is changed, never grow them.
 */
const SHARED_PAYLOADS_BEFORE_THE_CONVENTION = new Set<string>([]);
const FREE_STRING_CODES_BEFORE_THE_CONVENTION = new Set<string>([]);

describe('schema conventions', () => {
  it('gives every mutation a payload of its own', () => {
    const byPayload = new Map<string, string[]>();
    for (const m of mutations) byPayload.set(payloadOf(m).name, [...(byPayload.get(payloadOf(m).name) ?? []), m.name]);
    const shared = [...byPayload].filter(([name, users]) => users.length > 1 && !SHARED_PAYLOADS_BEFORE_THE_CONVENTION.has(name));
    expect(shared).toEqual([]);
  });

  it('types each payload’s user-error code as an enum of the codes that mutation returns', () => {
    const freeStrings: string[] = [];
    for (const m of mutations) {
      const userErrors = payloadOf(m).getFields().userErrors;
      expect([m.name, Boolean(userErrors)]).toEqual([m.name, true]);
      const code = (getNamedType(userErrors.type) as GraphQLObjectType).getFields().code;
      if (!isEnumType(getNamedType(code.type))) freeStrings.push(m.name);
    }
    expect(freeStrings.filter((name) => !FREE_STRING_CODES_BEFORE_THE_CONVENTION.has(name))).toEqual([]);
  });

  it('lists the partner contract’s codes in its payloads’ enums', () => {
    const codesOf = (mutation: string) => {
      const payload = payloadOf(mutations.find((m) => m.name === mutation)!);
      const type = getNamedType((getNamedType(payload.getFields().userErrors.type) as GraphQLObjectType).getFields().code.type);
      return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    };
    // docs/partner-guide.md promises these codes to the platforms.
    expect(codesOf('purchaseStart')).toEqual(
      expect.arrayContaining([
        'INVALID_CARD_NUMBER',
        'UNKNOWN_CARD',
        'NOT_ELIGIBLE',
        'COURSE_NOT_FOUND',
        'COURSE_NOT_OFFERED',
        'PRICE_MISMATCH',
        'INSUFFICIENT_BALANCE',
        'ALREADY_ENROLLED',
        'INVOICE_CONFLICT',
      ]),
    );
    expect(codesOf('purchaseAuthorize')).toEqual(
      expect.arrayContaining(['NOT_FOUND', 'INVALID_OTP', 'OTP_EXPIRED', 'OTP_LOCKED', 'INSUFFICIENT_BALANCE']),
    );
    expect(codesOf('enrollmentVoid')).toEqual(expect.arrayContaining(['NOT_FOUND', 'ALREADY_CANCELLED', 'NOT_CANCELLABLE']));
    expect(codesOf('attendanceReport')).toEqual(expect.arrayContaining(['NOT_FOUND', 'INVALID_SESSION', 'INVALID_STATE']));
    expect(codesOf('completionReport')).toEqual(
      expect.arrayContaining(['NOT_FOUND', 'INVALID_STATE', 'SESSIONS_MISSING', 'COMPLETED_TOO_EARLY', 'INVALID_SCORE']),
    );
  });

  it('filters every paged list with flat optional arguments, never a filter input', () => {
    const inputArgs: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.args.some((a) => a.name === 'first')) continue;
        for (const arg of field.args) if (isInputObjectType(getNamedType(arg.type))) inputArgs.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(inputArgs).toEqual([]);
  });

  it('completes PageInfo (Relay cursor connections)', () => {
    const pageInfo = schema.getType('PageInfo');
    expect(isObjectType(pageInfo) && Object.keys(pageInfo.getFields()).sort()).toEqual([
      'endCursor',
      'hasNextPage',
      'hasPreviousPage',
      'startCursor',
    ]);
  });
});
