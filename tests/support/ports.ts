/**
 * The embedded PostgreSQL of the tests. Its default sits below Linux's ephemeral range (32768-60999): a port
 * inside it can be taken, while the server is down, by an outgoing connection's local port (a reconnecting
 * client can even connect to itself), and the restart then fails with "Address already in use".
 */
export const testEmbeddedPgPort = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 24339);
