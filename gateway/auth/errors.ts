/** An authentication or authorization refusal decided before any GraphQL execution. */
export class AccessDenied extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return this.code === 'UNAUTHENTICATED' ? 401 : 403;
  }
}

/** One message for every token failure, so a caller cannot probe which check failed. */
export const invalidToken = () => new AccessDenied('UNAUTHENTICATED', 'Invalid or expired credentials');
