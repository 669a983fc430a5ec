import { ConfigError, envReader, readSecret } from '../common/config';
import { jwtSettings } from '../common/dev-token';
import { metricsPortOf } from '../common/metrics';
import { shutdownGraceMs } from '../common/shutdown';
import { SUBGRAPHS, subgraphUrl, WEB_DEV_ORIGIN, type SubgraphName } from '../common/topology';

/** The gateway's configuration, read and validated once at start-up. */
export function loadGatewayConfig(env = process.env) {
  const read = envReader(env);
  const production = env.NODE_ENV === 'production';
  const jwksUrl = jwksUrlOf(read.optional('JWT_JWKS_URL'), production);
  return {
    port: read.int('GATEWAY_PORT', 4000, 1, 65535),
    /** `GATEWAY_METRICS_PORT`: Prometheus's /metrics, apart from the public port; unset, none. */
    metricsPort: metricsPortOf('gateway', env),
    /** `PRAKERJA_LOG_LEVEL=silent` mutes the runtime's logs (the JSON logger reads it too). */
    silent: env.PRAKERJA_LOG_LEVEL === 'silent',
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphUrl(name, env)])) as Record<SubgraphName, string>,
    /** Every call to a subgraph is cut off after this long. */
    upstreamTimeoutMs: read.int('GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
    maxBodyBytes: read.int('GATEWAY_MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
    /** `GATEWAY_QUERY_PLANNER=rust` plans with Hive Router's Rust planner (@graphql-hive/router-runtime); `js` (default) with the runtime's own. */
    queryPlanner: read.oneOf('GATEWAY_QUERY_PLANNER', ['js', 'rust'] as const, 'js'),
    introspection: read.bool('GATEWAY_INTROSPECTION', !production),
    /** Browser origins allowed to call the gateway (CORS): the web client's, and nothing else is ever echoed. */
    corsOrigins: originsOf(read.optional('GATEWAY_CORS_ORIGINS') ?? (production ? '' : WEB_DEV_ORIGIN)),
    /** Participants and anonymous callers may send only the web client's persisted documents (on in production). */
    webDocumentsOnly: read.bool('GATEWAY_WEB_DOCUMENTS_ONLY', production),
    /** "Did you mean …?" in validation errors; like introspection, a development aid that maps the schema. */
    fieldSuggestions: read.bool('GATEWAY_FIELD_SUGGESTIONS', !production),
    /**
     * Operations beyond any of these are refused with QUERY_TOO_COMPLEX before a subgraph is called. Depth and
     * aliases come from what is really sent: the partner contract's documents reach depth 5 with no alias, the
     * project's own deepest documents depth 7 with 2 aliases; one level and a few aliases of margin.
     */
    limits: {
      maxTokens: read.int('GATEWAY_MAX_TOKENS', 2_000, 100, 100_000),
      maxDepth: read.int('GATEWAY_MAX_DEPTH', 8, 2, 100),
      maxAliases: read.int('GATEWAY_MAX_ALIASES', 10, 0, 1_000),
      maxCost: read.int('GATEWAY_MAX_COST', 5_000, 10, 10_000_000),
    },
    /**
     * Quotas in field invocations per one-minute window, counted in Redis when REDIS_URL is set (shared by every
     * gateway instance), else in memory. Each partner and each person (token subject) has its own; callers
     * without credentials share one per client address. That one is generous on purpose: Indonesian mobile
     * carriers put many subscribers behind one CGNAT address, and a wave's opening brings 80,000 registrations
     * a minute, so it bounds a bot hammering from one address, not a carrier's crowd.
     */
    rateLimits: {
      partnerFieldsPerWindow: read.int('GATEWAY_PARTNER_FIELDS_PER_MINUTE', 6_000, 1, 100_000_000),
      personFieldsPerWindow: read.int('GATEWAY_PERSON_FIELDS_PER_MINUTE', 3_000, 1, 100_000_000),
      anonymousFieldsPerWindow: read.int('GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE', 6_000, 1, 100_000_000),
      windowSeconds: 60,
      redisUrl: read.optional('REDIS_URL'),
    },
    /**
     * Reverse proxies in front of the gateway that append the address they saw to X-Forwarded-For. 0 (the
     * default): the header is ignored and the socket's address is the client's, since a client can write any
     * X-Forwarded-For it likes and would get a fresh anonymous quota with each one.
     */
    trustedProxies: read.int('GATEWAY_TRUSTED_PROXIES', 0, 0, 10),
    jwt: {
      ...jwtSettings(env),
      // The identity provider's issuer is never the development default: fail at start-up, not on every token.
      ...(jwksUrl ? { issuer: read.string('JWT_ISSUER') } : {}),
      /** Production verifies RS256/ES256 tokens against the identity provider's JWKS; development uses HS256. */
      jwksUrl,
      /** After a JWKS fetch, a token with an unknown `kid` triggers no new fetch for this long (bounds load on the provider; delays a key rotation by at most this). */
      jwksCooldownMs: read.int('JWT_JWKS_COOLDOWN_MS', 30_000, 0, 600_000),
      secret: jwksUrl ? undefined : readSecret('JWT_SECRET', env),
      algorithms: jwksUrl ? ['RS256', 'ES256'] : ['HS256'],
    },
    /** Secret that signs every subgraph request; subgraphs refuse anything else. */
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET', env),
    /** How long a partner's credentials and status are cached: a suspension bites within this time. */
    partnerCacheSeconds: read.int('GATEWAY_PARTNER_CACHE_SECONDS', 30, 0, 60),
    /**
     * How often each gateway asks the partners subgraph for its access version (one cheap query) and drops the
     * cache when it changed: a suspension, termination or revocation bites within this time on every replica.
     */
    partnerVersionPollMs: read.int('GATEWAY_PARTNER_VERSION_POLL_MS', 2_000, 100, 60_000),
    /** Allowed distance between a partner's x-timestamp and the gateway clock. */
    partnerSignatureSkewSeconds: read.int('GATEWAY_PARTNER_SKEW_SECONDS', 300, 1, 3600),
    /** On SIGTERM/SIGINT, requests in flight get this long to finish. */
    shutdownGraceMs: shutdownGraceMs(env),
  };
}
/**
 * Keys fetched over plain HTTP could be swapped on the way, and whoever swaps them mints any token. In
 * production the JWKS URL must be https, except on the gateway's own host (a key sidecar on loopback).
 */
function jwksUrlOf(raw: string | undefined, production: boolean): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`JWT_JWKS_URL is not a URL: "${raw}"`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && (loopback || !production))) return raw;
  throw new ConfigError(`JWT_JWKS_URL must be an https URL in production (http only on loopback), got "${raw}"`);
}

/** A comma-separated list of exact origins (`https://host[:port]`, no path); `*` and `null` are refused. */
function originsOf(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`GATEWAY_CORS_ORIGINS must list exact origins such as https://prakerja.example.go.id, got "${origin}"`);
    }
  }
  return origins;
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
