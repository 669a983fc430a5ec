import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

/** Codes of thrown (top-level) errors. Business refusals are `UserError`s in payloads instead. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PURPOSE_REQUIRED'
  | 'PURPOSE_INVALID'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'QUERY_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function graphqlError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const unauthenticated = (message = 'Authentication required') => graphqlError('UNAUTHENTICATED', message, { http: { status: 401 } });
export const forbidden = (message = 'Not allowed') => graphqlError('FORBIDDEN', message, { http: { status: 403 } });
export const badInput = (message: string, field?: string) => graphqlError('BAD_USER_INPUT', message, field ? { field } : {});
export const notFound = (message = 'Not found') => graphqlError('NOT_FOUND', message);

/** A business rule refused the request; nothing was changed. */
@ObjectType({ description: 'A business rule that refused the request. Nothing was changed when a payload carries one.' })
@Directive('@shareable')
export class UserError {
  @Field({ description: 'Stable machine-readable code, for example `INSUFFICIENT_BALANCE`.' })
  code: string;

  @Field({ description: 'Human-readable explanation in English.' })
  message: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, when one is.' })
  field?: string[];

  static of(code: string, message: string, field?: string[]): UserError {
    return Object.assign(new UserError(), { code, message, field });
  }
}

/**
 * The refusals of one payload type: `refuse(code, message, { field, ...objects })` answers the payload's
 * objects as `empty` has them (null, zero) unless the refusal names one (a hold, the enrollment as it stands),
 * with one user error; `field` is the input field at fault, under `input`.
 */
export function refuser<P extends { userErrors: UserError[] }, C extends string = string>(empty: Omit<P, 'userErrors'>) {
  return (code: C, message: string, details: { field?: string } & Partial<Omit<P, 'userErrors'>> = {}): P => {
    const { field, ...objects } = details;
    return { ...empty, ...objects, userErrors: [UserError.of(code, message, field ? ['input', field] : undefined)] } as P;
  };
}

/**
 * The user-error type of one mutation's payload, `<Name>UserError`, whose `code` is the enum `<Name>ErrorCode`
 * of exactly the codes that mutation returns, each described: clients can switch over them, and a new code is
 * a visible schema change. A GraphQL enum serialises as the same string, so documents that select `code`
 * read what they read before. The resolvers keep returning `UserError`s; only the declared type differs.
 */
export function payloadUserError<C extends string>(name: string, codes: Record<C, string>) {
  const values = Object.fromEntries(Object.keys(codes).map((code) => [code, code])) as Record<C, C>;
  registerEnumType(values, {
    name: `${name}ErrorCode`,
    description: `Why ${name.charAt(0).toLowerCase()}${name.slice(1)} refused the request.`,
    valuesConfig: Object.fromEntries(Object.entries<string>(codes).map(([code, description]) => [code, { description }])) as never,
  });

  @ObjectType(`${name}UserError`, {
    description: `A business rule that refused ${name.charAt(0).toLowerCase()}${name.slice(1)}. Nothing was changed.`,
  })
  class PayloadUserError {
    @Field(() => values, { description: 'Stable machine-readable code.' })
    code: C;

    @Field({ description: 'Human-readable explanation in English.' })
    message: string;

    @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, when one is.' })
    field?: string[];
  }
  return PayloadUserError;
}
