import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { PersonalDataAccess } from './access-log/access-log.entity';
import { Card } from './card/card.entity';
import { Application, Cohort } from './cohort/cohort.entity';
import { InboxMessage } from './inbox/inbox.entity';
import { migrations } from './migrations';
import { Participant } from './participant/participant.entity';
import { LedgerEntry, Wallet, WalletHoldRow } from './wallet/wallet.entity';

export const entities = [Participant, Cohort, Application, Card, Wallet, LedgerEntry, WalletHoldRow, InboxMessage, PersonalDataAccess];

/** MikroORM bound to the `participants` schema, with this subgraph's migrations. */
export const createParticipantsOrm = (databaseUrl: string) =>
  createOrm({
    schema: 'participants',
    databaseUrl,
    entities,
    migrations,
    migrationsPath: resolve(projectRoot, 'subgraphs/participants/migrations'),
  });
