/**
 * Reads the ISO 8601 durations FIS takes (`PT1M`, `PT5S`, `PT1H30M`, `P1D`): seconds, or
 * undefined when the text is not one. Years and months are refused: their length in seconds is
 * not fixed, and FIS caps actions at 12 hours anyway.
 */
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function isoDurationSeconds(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds;
}
