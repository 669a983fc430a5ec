import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describeError } from '../../common/error-details';
import { redact } from '../../common/logger';

describe('what unexpected errors leave in the logs', () => {
  it('keeps only the class, SQLSTATE and constraint of a database error, never the SQL and its values', () => {
    const sql = `insert into "participants"."participant" ("full_name", "email", "nik") values ('Siti Rahmawati', 'siti@example.co.id', '3171014101900001') - duplicate key`;
    const error = new UniqueConstraintViolationException(
      Object.assign(new Error(sql), { code: '23505', constraint: 'participant_nik_unique' }),
    );
    const logged = JSON.stringify(describeError(error));
    expect(logged).toContain('23505');
    expect(logged).toContain('participant_nik_unique');
    for (const secret of ['Siti', 'siti@example.co.id', '3171014101900001', 'insert into']) expect(logged).not.toContain(secret);
  });

  it('keeps the stack of other errors, with 16-digit numbers masked when written', () => {
    expect(String(describeError(new Error('boom')).error)).toMatch(/^Error: boom\n\s+at /);
    expect(redact('card 5202004110008254')).toBe('card 5202********8254');
  });
});
