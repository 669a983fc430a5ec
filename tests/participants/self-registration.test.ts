import { randomUUID } from 'node:crypto';
import { gatewayQuery, tokenFor } from '../support/client';
import { makeKk, makeNik, REGISTER } from './fixtures';

/*
 * A person who signed up at the identity provider has a participant token whose subject has no record yet.
 * Registering with that token gives the record the token's subject as its id, so the same token reads it
 * through `me`; registering again answers ALREADY_REGISTERED and stores nothing.
 */
const input = () => ({
  nik: makeNik('1992-03-14', 'FEMALE'),
  familyCardNumber: makeKk(),
  fullName: 'Dewi Lestari',
  birthDate: '1992-03-14',
  email: 'dewi@example.id',
  phone: '081298765432',
  address: 'Jl. Melati No. 7, Jakarta Pusat',
  citizen: true,
  educationStatus: 'NOT_IN_EDUCATION',
  occupation: 'UNEMPLOYED',
});

it('registers the signed-in person under their token subject, once', async () => {
  const subject = randomUUID();
  const token = await tokenFor('participant', subject);
  expect((await gatewayQuery('{ me { id } }', {}, { token })).data).toEqual({ me: null });
  const first = await gatewayQuery(REGISTER, { input: input() }, { token });
  expect(first.data!.participantRegister).toMatchObject({ participant: { id: subject }, userErrors: [] });
  expect((await gatewayQuery('{ me { id fullName } }', {}, { token })).data).toEqual({ me: { id: subject, fullName: 'Dewi Lestari' } });
  const second = await gatewayQuery(REGISTER, { input: input() }, { token });
  expect(second.data!.participantRegister).toMatchObject({ participant: null, userErrors: [{ code: 'ALREADY_REGISTERED' }] });
});

it('still registers anonymously under a new id', async () => {
  const anonymous = await gatewayQuery(REGISTER, { input: input() });
  expect(anonymous.data!.participantRegister.userErrors).toEqual([]);
  expect(anonymous.data!.participantRegister.participant.id).toMatch(/^[0-9a-f-]{36}$/);
});
