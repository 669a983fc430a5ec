import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayQuery, tokenFor } from '../support/client';
import { caughtUpAfter } from './support';

/** The GraphQL examples of the README's Analytics section (and the analyst's example under Trying it). */
function examples(): string[] {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Analytics'), readme.indexOf('## Configuration'));
  const analyst = readme.slice(readme.indexOf('**Analyst**'), readme.indexOf('**Participant**'));
  return [...(analyst + section).matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('README analytics examples', () => {
  it('run against the demo data as an analyst, with no error, and show numbers', async () => {
    const documents = examples();
    expect(documents.length).toBeGreaterThanOrEqual(4);
    await caughtUpAfter(new Date());
    const token = await tokenFor('analyst');
    let visible = 0;
    for (const query of documents) {
      const res = await gatewayQuery(query, {}, { token });
      expect([query, res.errors]).toEqual([query, undefined]);
      // A number other than zero, in a cell or a CSV line.
      // (A CSV line runs to the next escaped \r\n; its labels may hold any letter, an r too.)
      if (/"value":[1-9]|\\r\\n[^T](?:(?!\\r\\n).)*,[1-9]/.test(JSON.stringify(res.data))) visible++;
    }
    expect(visible).toBeGreaterThanOrEqual(3);
  });
});
