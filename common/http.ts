import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request body, or null when it exceeds the limit. Reading stops at the limit (or before reading anything
 * when Content-Length already says too much): a client streaming gigabytes is not read to the end before it
 * hears 413. The caller then answers through `closeAfterAnswer`.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length']) > maxBytes) {
    req.pause();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (body: Buffer | null) => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      if (body === null) req.pause();
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(null);
      else chunks.push(chunk);
    };
    const onEnd = () => settle(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** How long a refused client has to read its answer before the socket is destroyed. */
const LINGER_MS = 2000;

/**
 * Prepares `res` to answer a request whose body was not read to the end: `connection: close`, and once the
 * answer is written the socket is half-closed and destroyed after LINGER_MS, the rest of the body still unread.
 * Node would destroy it as soon as the answer is flushed; with unread bytes pending, the kernel then resets the
 * connection and the client (still sending) often loses the answer. Call before writing the answer.
 */
export function closeAfterAnswer(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  const socket = res.socket;
  if (!socket) return;
  // What Node calls on a `connection: close` answer once it is written.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
