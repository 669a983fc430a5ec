/**
 * The runtime's URLPattern, for the literal paths it is given (/graphql, /readiness, /healthcheck). Yoga tests
 * every request against them through a URLPattern, which Node 20 lacks; the polyfill's compiled expressions
 * cost about 2% of the gateway's CPU on each request, while for a literal path an exact comparison is the
 * same test. A pattern with syntax (`:id`, `*`, groups) is refused at start-up rather than matched wrongly.
 */
export class ExactPathPattern {
  readonly pathname: string;

  constructor(init: { pathname?: string }) {
    if (!init.pathname || /[:*?+(){}\\]/.test(init.pathname)) throw new Error(`not a literal path pattern: ${JSON.stringify(init)}`);
    this.pathname = init.pathname;
  }

  test(input: string | { pathname: string }): boolean {
    return (typeof input === 'string' ? new URL(input).pathname : input.pathname) === this.pathname;
  }
}
