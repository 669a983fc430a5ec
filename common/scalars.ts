import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

/** Whole rupiah; any sum of programme money fits (2^53 - 1 rupiah). */
export const SafeInt = SafeIntResolver;
/** Maps TypeScript types to the scalars every subgraph uses: Date is the ISO-8601 `DateTime`. */
export const scalarsMap = [{ type: Date, scalar: DateTimeResolver }];

export enum Currency {
  IDR = 'IDR',
}
registerEnumType(Currency, {
  name: 'Currency',
  description: 'ISO-4217 currency code. The programme pays in rupiah only.',
  valuesConfig: { IDR: { description: 'Indonesian rupiah, in whole units.' } },
});

@ObjectType({ description: 'An amount of money in whole units of its currency.' })
@Directive('@shareable')
export class Money {
  @Field(() => SafeInt, { description: 'Whole rupiah (no fractional part).' })
  amount: number;

  @Field(() => Currency, { description: 'Currency of the amount; always IDR.' })
  currency: Currency;

  static idr(amount: number): Money {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not a safe integer`);
    return Object.assign(new Money(), { amount, currency: Currency.IDR });
  }
}

/** Reads a BIGINT column value (pg returns strings) as a safe integer, refusing anything that would lose precision. */
export function toSafeInt(value: string | number | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`value ${value} exceeds the safe integer range`);
  return n;
}
