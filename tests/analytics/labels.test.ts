import { db } from '../support/client';
import { registerPerson } from '../participants/fixtures';
import { caughtUpAfter, table } from './support';

describe('analytics region labels, through the gateway', () => {
  it('names provinces and regencies by their official names, in the table and in the CSV', async () => {
    const since = new Date(Date.now() + 5);
    await registerPerson();
    await caughtUpAfter(since);
    const { rows: people } = await db().query<{ province: string; regency: string }>(
      `SELECT DISTINCT province_code AS province, left(district_code, 4) AS regency FROM participants.participant`,
    );
    const t = await table({ measures: ['PARTICIPANTS'], dimensions: ['PROVINCE', 'REGENCY'] });
    expect(t.rows.length).toBeGreaterThan(0);
    for (const row of t.rows) {
      const [province, regency] = row.dimensions;
      expect(people).toContainEqual({ province: province.value, regency: regency.value });
      expect(province.label).toEqual(expect.any(String));
      expect(regency.label).toMatch(/^(Kabupaten|Kota) /);
    }
    const javaWest = (
      await table({ measures: ['PARTICIPANTS'], dimensions: ['PROVINCE'], filters: [{ dimension: 'PROVINCE', values: ['32'] }] })
    ).rows[0];
    if (javaWest) expect(javaWest.dimensions[0].label).toBe('Jawa Barat');
    expect(t.csv.split('\r\n')[0]).toBe('PROVINCE,PROVINCE_LABEL,REGENCY,REGENCY_LABEL,PARTICIPANTS');
  });
});
