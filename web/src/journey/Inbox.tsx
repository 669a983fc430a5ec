import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { present } from '../api';
import type { WebDashboardQuery } from '../gql/graphql';
import { useSession } from '../session';
import { Failure } from '../Status';
import { InboxMarkAllReadMutation, InboxMessageMarkReadMutation } from './documents';

type Me = NonNullable<WebDashboardQuery['me']>;

/** The in-app inbox, newest first: unread messages marked, each or all of them markable read. */
export function Inbox({ me, when, onChanged }: { me: Me; when: (iso: string) => string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  const unread = me.inboxUnreadCount ?? 0;
  const mark = (send: () => Promise<{ userErrors: Array<{ message: string }> }>) => {
    setFailure(null);
    send().then((payload) => {
      if (payload.userErrors.length) setFailure(new Error(payload.userErrors.map((e) => e.message).join('; ')));
      onChanged();
    }, setFailure);
  };
  const markOne = (id: string) =>
    mark(async () => present((await run(InboxMessageMarkReadMutation, { input: { id } })).inboxMessageMarkRead, 'mark read'));
  const markAll = () => mark(async () => present((await run(InboxMarkAllReadMutation, {})).inboxMarkAllRead, 'mark all read'));
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h2 id="inbox-title">
        {t('dashboard.inbox')}
        {unread > 0 && (
          <span className="badge" data-testid="inbox-unread">
            {t('inbox.unread', { count: unread })}
          </span>
        )}
      </h2>
      {!me.inbox?.edges.length && <p>{t('dashboard.noInbox')}</p>}
      {unread > 0 && (
        <button className="secondary" onClick={markAll}>
          {t('inbox.markAllRead')}
        </button>
      )}
      <ul className="rows">
        {me.inbox?.edges.map(({ node }) => (
          <li
            key={node.id}
            className={`stacked${node.readAt ? '' : ' unread'}`}
            data-testid="inbox-message"
            data-read={Boolean(node.readAt)}
          >
            <strong>
              {!node.readAt && <span className="badge">{t('inbox.new')}</span>}
              {node.subject}
            </strong>
            <span>{node.body}</span>
            <small>{when(node.createdAt)}</small>
            {node.readAt ? (
              <small>{t('inbox.readAt', { when: when(node.readAt) })}</small>
            ) : (
              <button className="secondary" onClick={() => markOne(node.id)} aria-label={`${t('inbox.markRead')}: ${node.subject}`}>
                {t('inbox.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure !== null && <Failure error={failure} />}
    </section>
  );
}
