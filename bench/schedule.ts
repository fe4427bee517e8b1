/** How far a fixed-rate sender fell behind its schedule, from the times it actually sent. Pure. */

export interface ScheduleLateness {
  /** Sends the schedule called for between the first send and `untilMs`. */
  readonly scheduled: number;
  readonly sent: number;
  /** The last send against where the schedule put it: the drift that has built up, in ms. */
  readonly driftMs: number;
  /** Worst gap between two sends beyond one period (a stall of the sender's event loop), in ms. */
  readonly worstStallMs: number;
  /**
   * Worst lateness of any send against its own slot (first send + i × period), in ms. A sender
   * that catches up after a stall is late only while it catches up; one that drifts stays late.
   */
  readonly worstLateMs: number;
}

export function scheduleLateness(sentAtMs: readonly number[], periodMs: number, untilMs: number): ScheduleLateness {
  if (sentAtMs.length === 0) return { scheduled: 0, sent: 0, driftMs: 0, worstStallMs: 0, worstLateMs: 0 };
  const sorted = [...sentAtMs].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  let worstStallMs = 0;
  let worstLateMs = 0;
  for (let i = 1; i < sorted.length; i += 1) {
    worstStallMs = Math.max(worstStallMs, sorted[i] - sorted[i - 1] - periodMs);
    worstLateMs = Math.max(worstLateMs, sorted[i] - (first + i * periodMs));
  }
  return {
    scheduled: Math.floor((untilMs - first) / periodMs) + 1,
    sent: sorted.length,
    driftMs: Math.max(0, last - (first + (sorted.length - 1) * periodMs)),
    worstStallMs,
    worstLateMs,
  };
}
