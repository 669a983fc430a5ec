import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';

/** Codes of thrown (top-level) errors. Business refusals are `UserError`s in payloads instead. */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'PURPOSE_REQUIRED' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

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
export function refuser<P extends { userErrors: UserError[] }>(empty: Omit<P, 'userErrors'>) {
  return (code: string, message: string, details: { field?: string } & Partial<Omit<P, 'userErrors'>> = {}): P => {
    const { field, ...objects } = details;
    return { ...empty, ...objects, userErrors: [UserError.of(code, message, field ? ['input', field] : undefined)] } as P;
  };
}
