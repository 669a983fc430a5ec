import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const COURSES = join(__dirname, '../../subgraphs/courses');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'migrations') yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/**
 * One writer per table: raw SQL that inserts, updates or deletes rows of `courses.<table>` lives in that
 * table's own module folder (`enrollment/` for `courses.enrollment`, `sandbox-purchase/` for `courses.sandbox_purchase`), so the rules for a table's rows are in one
 * place. (ORM writes go through the entity, which lives in the same folder.)
 */
it('courses: raw SQL writes each table only from its own module', () => {
  const strays: string[] = [];
  for (const file of sources(COURSES)) {
    const module = relative(COURSES, file).split(sep)[0];
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/(?:insert\s+into|update|delete\s+from)\s+courses\.(\w+)/gi)) {
      if (table !== module.replaceAll('-', '_')) strays.push(`${relative(COURSES, file)} writes courses.${table}`);
    }
  }
  expect(strays).toEqual([]);
});
