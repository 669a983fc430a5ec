import { ExactPathPattern } from '../../gateway/exact-path-pattern';

/** The runtime's URLPattern: the same answers as the polyfill for a literal path, and a refusal for anything else. */
describe('the exact path pattern of the gateway endpoints', () => {
  it('matches the literal path only, from a URL or a string', () => {
    const readiness = new ExactPathPattern({ pathname: '/readiness' });
    expect(readiness.test(new URL('http://gateway/readiness?x=1'))).toBe(true);
    expect(readiness.test('http://gateway/readiness')).toBe(true);
    for (const other of ['http://gateway/graphql', 'http://gateway/readiness/', 'http://gateway/Readiness', 'http://gateway/x/readiness'])
      expect(readiness.test(new URL(other))).toBe(false);
  });

  it('refuses a pattern with syntax it would match wrongly', () => {
    for (const pathname of ['/graphql/*', '/users/:id', '/a(b)?', undefined])
      expect(() => new ExactPathPattern({ pathname })).toThrow(/not a literal path pattern/);
  });
});
