/** Stops the processes and the embedded database that global setup started. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__PRAKERJA_TEST__ as
    { db: { stop(): Promise<void> }; stack: { stop(): Promise<void> } } | undefined;
  await state?.stack.stop();
  await state?.db.stop();
}
