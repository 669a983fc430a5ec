import { tokenFor } from '../support/client';
import { post, registerThroughGateway, startGateway } from './support';

const { redact, scrubErrorMessage } = require('../../dist/common/logger') as typeof import('../../common/logger');

describe('NIK and KK never come back in errors or logs', () => {
  it('does not echo a NIK passed in a variable of the wrong shape', async () => {
    const nik = '3171014905900001';
    const wrongShape = await post(
      `query($id: ID!) { participant(id: $id) { id } }`,
      { id: { nik } },
      { authorization: `Bearer ${await tokenFor('admin')}` },
    );
    expect(wrongShape.json.errors?.length).toBeGreaterThan(0);
    expect(wrongShape.text).not.toContain(nik);
    const asNumber = await post(
      `mutation($input: ParticipantRegisterInput!) { participantRegister(input: $input) { userErrors { code } } }`,
      {
        input: {
          nik: Number(nik),
          familyCardNumber: 3171010101010001,
          fullName: 'x',
          birthDate: '1990-05-09',
          email: 'a@b.cd',
          phone: '081234567890',
          address: 'x',
          citizen: true,
          educationStatus: 'NOT_IN_EDUCATION',
          occupation: 'UNEMPLOYED',
        },
      },
    );
    expect(asNumber.json.errors?.length).toBeGreaterThan(0);
    expect(asNumber.text).not.toContain(nik);
    expect(asNumber.text).not.toContain('3171010101010001');
  });

  it('masks a failing subgraph: no service name, URL, SQL or stack', async () => {
    // A subgraph that cannot be reached: the gateway's own error would name the service, its URL and the errno.
    const gateway = await startGateway({ COURSES_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const res = await post(`{ course(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, {}, gateway.url);
      expect(res.json.errors?.[0]).toMatchObject({
        message: 'A service this field depends on is unavailable; retry later',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      });
      expect(res.text).not.toMatch(/courses|127\.0\.0\.1|localhost|:9\b|ECONNREFUSED|stack|at \w+ \(/i);
    } finally {
      await gateway.close();
    }
  });

  it('redacts 16-digit runs in log lines and error messages', () => {
    expect(redact('{"nik":"3171014905900001"}')).toBe('{"nik":"3171********0001"}');
    expect(
      scrubErrorMessage(
        'Variable "$input" got invalid value { nik: 3171014905900001 } at "input.nik"; String cannot represent a non string value: 3171014905900001',
      ),
    ).toBe('Variable "$input" got invalid value at "input.nik"; String cannot represent a non string value.');
  });

  it('writes no NIK to the gateway log, even for a request that fails', async () => {
    const { nik } = await registerThroughGateway();
    // A second gateway whose participants subgraph is down: the runtime logs the failed upstream call, whose
    // request body carries the variables (NIK, phone, e-mail) — the log line must exist and carry none of them.
    const gateway = await startGateway({ PRAKERJA_LOG_LEVEL: 'info', PARTICIPANTS_URL: 'http://127.0.0.1:9/graphql' });
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const previousLevel = process.env.PRAKERJA_LOG_LEVEL;
    process.env.PRAKERJA_LOG_LEVEL = 'info';
    (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array) => (lines.push(String(chunk)), true);
    const errors = jest.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.map(String).join(' ')));
    const warns = jest.spyOn(console, 'warn').mockImplementation((...args) => void lines.push(args.map(String).join(' ')));
    const input = {
      nik,
      familyCardNumber: '3171010000151096',
      fullName: 'Dewi Lestari',
      birthDate: '1990-05-09',
      email: 'leak-probe@example.co.id',
      phone: '081298765001',
      address: 'Jl. Merdeka No. 5, Bandung',
      citizen: true,
      educationStatus: 'NOT_IN_EDUCATION',
      occupation: 'UNEMPLOYED',
    };
    try {
      await post(
        `query($id: ID!) { participant(id: $id) { id } }`,
        { id: nik },
        { authorization: `Bearer ${await tokenFor('admin')}` },
        gateway.url,
      );
      await post(`query($n: String!) { walletCard(cardNumber: $n) { balance } }`, { n: nik }, {}, gateway.url);
      const failed = await post(
        `mutation($input: ParticipantRegisterInput!) { participantRegister(input: $input) { userErrors { code } } }`,
        { input },
        {},
        gateway.url,
      );
      expect(failed.json.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      (process.stdout as { write: unknown }).write = write;
      errors.mockRestore();
      warns.mockRestore();
      process.env.PRAKERJA_LOG_LEVEL = previousLevel;
      await gateway.close();
    }
    expect(lines.join('\n')).toMatch(/ECONNREFUSED/);
    expect(lines.join('\n')).not.toContain(nik);
    expect(lines.join('\n')).not.toContain(input.phone);
    expect(lines.join('\n')).not.toContain(input.email);
  });
});
