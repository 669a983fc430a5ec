import { Args, Ctx, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs } from '../../../common/pagination';
import { Money } from '../../../common/scalars';
import type { ParticipantsContext } from '../context';
import { LedgerEntry, WalletView } from './wallet.entity';

@ObjectType({ description: 'A page of ledger entries.' })
class LedgerEntryConnection extends Connection(LedgerEntry, 'LedgerEntry', 'ledger entry') {}

/** WalletView is reachable only through guarded fields (Participant.wallet), so its ledger needs no further check. */
@Resolver(() => WalletView)
export class WalletViewResolver {
  @FieldResolver(() => LedgerEntryConnection, { description: "The wallet's movements, newest first." })
  ledger(@Root() wallet: WalletView, @Args() { first, after }: PageArgs, @Ctx() { loaders }: ParticipantsContext) {
    return loaders.ledgerPage.load({ parentId: wallet.id, first, after });
  }
}

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  @FieldResolver(() => Money, { description: 'Signed amount: credits positive, debits negative.' })
  amount(@Root() entry: LedgerEntry) {
    return Money.idr(entry.amount);
  }
}
