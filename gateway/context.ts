import type { ParsedBody } from './plugins/parsed-body';
import type { Identity } from '../common/identity';

/** What the HTTP front (server.ts) hands the runtime with each request, beside the request itself. */
export interface GatewayContext {
  /** The caller as authenticated by the front; absent off the GraphQL endpoint. */
  identity?: Identity;
  /** The client's address, taken from the socket (or a trusted proxy's X-Forwarded-For), never from a header the client sets. */
  clientAddress?: string;
  /** A JSON body the front has parsed already (plugins/parsed-body.ts); the request then carries none. */
  parsedBody?: ParsedBody;
}
