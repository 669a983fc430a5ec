import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { present } from './api';
import { CatalogueQuery } from './documents';
import { formatRupiah } from './format';
import type { CourseCategory, WebCatalogueQuery } from './gql/graphql';
import { id as messages } from './i18n/id';
import { Schedules } from './Schedules';
import { useQuery, useSession } from './session';
import { Failure, Loading } from './Status';

type Course = NonNullable<WebCatalogueQuery['courses']>['edges'][number]['node'];
type Offer = NonNullable<Course['offerings']>['edges'][number]['node'];
/** A course's offerings on this page (the list is null only where the field failed). */
const offersOf = (course: Course): Offer[] => course.offerings?.edges.map((e) => e.node) ?? [];
const PAGE = 30;

/**
 * The public course catalogue, for everyone: each course with its price on each platform that sells it, and its
 * upcoming schedules with the seats left. The
 * category filters on the server; the search matches the title, institution and platforms of the loaded pages
 * (the API has no text search), and "more" loads the next page.
 */
export function Catalogue() {
  const { t } = useTranslation();
  const { run } = useSession();
  const [category, setCategory] = useState<CourseCategory | ''>('');
  const [search, setSearch] = useState('');
  const first = useQuery(CatalogueQuery, { first: PAGE, category: category || null });
  const [more, setMore] = useState<{ key: string; courses: Course[]; cursor?: string | null; hasNext?: boolean }>({ key: '', courses: [] });
  const [failure, setFailure] = useState<unknown>(null);
  const key = `${category}`;
  const extra = more.key === key ? more : { key, courses: [] as Course[] };
  const page = first.data?.courses;
  const courses = [...(page?.edges.map((e) => e.node) ?? []), ...extra.courses];
  const cursor = extra.courses.length ? (extra as typeof more).cursor : page?.pageInfo.endCursor;
  const hasNext = extra.courses.length ? (extra as typeof more).hasNext : page?.pageInfo.hasNextPage;
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? courses.filter((c) =>
        [c.title, c.provider?.name ?? '', ...offersOf(c).map((o) => o.platform?.name ?? '')].some((s) => s.toLowerCase().includes(needle)),
      )
    : courses;
  const loadMore = () =>
    run(CatalogueQuery, { first: PAGE, after: cursor, category: category || null }).then((d) => {
      const next = present(d.courses, 'courses');
      setMore({
        key,
        courses: [...extra.courses, ...next.edges.map((e) => e.node)],
        cursor: next.pageInfo.endCursor,
        hasNext: next.pageInfo.hasNextPage,
      });
    }, setFailure);

  return (
    <section className="card catalogue" aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <div className="field">
        <label htmlFor="catalogue-search">{t('catalogue.search')}</label>
        <input id="catalogue-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="catalogue-category">{t('catalogue.category')}</label>
        <select id="catalogue-category" value={category} onChange={(e) => setCategory(e.target.value as CourseCategory | '')}>
          <option value="">{t('catalogue.allCategories')}</option>
          {Object.keys(messages.category).map((value) => (
            <option key={value} value={value}>
              {t(`category.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {first.loading && <Loading />}
      {first.error !== undefined && <Failure error={first.error} retry={first.reload} />}
      {page && <p>{t('catalogue.count', { shown: shown.length, total: page.totalCount })}</p>}
      <ul className="rows">
        {shown.map((course) => (
          <li key={course.id} className="stacked" data-testid="course">
            <strong>{course.title}</strong>
            <span>
              {course.provider?.name} · {t(`category.${course.category}`)} · {t('catalogue.sessions', { count: course.sessionCount })}
            </span>
            <ul className="offers">
              {offersOf(course)
                .filter((o) => o.active)
                .map((o) => (
                  <li key={o.id}>
                    <span>{o.platform?.name}</span>
                    <strong>{formatRupiah(o.price.amount)}</strong>
                  </li>
                ))}
            </ul>
            <Schedules schedules={course.schedules.edges.map((e) => e.node)} />
          </li>
        ))}
      </ul>
      {hasNext && (
        <button className="secondary" onClick={() => void loadMore()}>
          {t('catalogue.more')}
        </button>
      )}
      {failure !== null && <Failure error={failure} />}
    </section>
  );
}
