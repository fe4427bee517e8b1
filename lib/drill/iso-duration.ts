/** ISO-8601 durations as FIS takes them (PT30S, PT5M, PT1H, P1D…), converted to seconds. */

const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export type IsoDuration = string;

/** Seconds in an ISO-8601 duration, or undefined when the text is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, days, hours, minutes, seconds] = match;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) return undefined;
  return Number(days ?? 0) * 86400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

/** Seconds of a duration the caller knows to be valid (validated by defineDrill). */
export function isoSeconds(text: IsoDuration): number {
  const seconds = parseIsoDuration(text);
  if (seconds === undefined) throw new Error(`not an ISO-8601 duration: ${JSON.stringify(text)}`);
  return seconds;
}
