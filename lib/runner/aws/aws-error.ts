/** One line for an SDK or runtime error: `ThrottlingException: Rate exceeded`. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return e?.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : String(e?.message ?? err);
}
