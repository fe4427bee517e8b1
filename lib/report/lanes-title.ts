/** What the swimlane holds, in words: its title and what one bar is. Pure. */
import type { Lane } from './stream-lanes';

export function lanesTitle(lanes: readonly Lane[]): { readonly title: string; readonly item: string } {
  const jobs = lanes.some((l) => l.item.startsWith('job'));
  const streams = lanes.some((l) => !l.item.startsWith('job'));
  if (jobs && streams) return { title: 'Streams and jobs per task', item: 'stream or job' };
  if (jobs) return { title: 'Jobs per task', item: 'job' };
  return { title: 'Streams per task', item: 'stream' };
}
