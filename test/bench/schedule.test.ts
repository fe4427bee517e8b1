import { scheduleLateness } from '../../bench/schedule';

describe('scheduleLateness', () => {
  it('finds nothing late when every send lands on its slot', () => {
    const sent = [0, 10, 20, 30, 40];
    expect(scheduleLateness(sent, 10, 40)).toEqual({ scheduled: 5, sent: 5, driftMs: 0, worstStallMs: 0, worstLateMs: 0 });
  });

  it('counts the sends a late sender missed and the drift that built up', () => {
    // Each tick 1 ms late, as setInterval re-arming from when it ran does.
    const sent = [0, 11, 22, 33, 44, 55, 66, 77, 88];
    const late = scheduleLateness(sent, 10, 90);
    expect(late.scheduled).toBe(10);
    expect(late.sent).toBe(9);
    expect(late.driftMs).toBe(8);
    expect(late.worstStallMs).toBe(1);
    expect(late.worstLateMs).toBe(8);
  });

  it('reports one stall of the event loop as the worst gap beyond a period', () => {
    const late = scheduleLateness([40, 0, 10, 140, 150], 10, 150);
    expect(late.worstStallMs).toBe(90);
    expect(late.driftMs).toBe(110);
  });

  it('reports a sender that catches up after a stall as late only during the stall', () => {
    // Slots 10..40 missed during a 35 ms stall, then sent at once at 45; on time again from 50.
    const late = scheduleLateness([0, 45, 45, 45, 45, 50, 60], 10, 60);
    expect(late.sent).toBe(late.scheduled);
    expect(late.worstLateMs).toBe(35);
    expect(late.driftMs).toBe(0);
  });

  it('treats no sends at all as nothing scheduled rather than dividing by zero', () => {
    expect(scheduleLateness([], 10, 100)).toEqual({ scheduled: 0, sent: 0, driftMs: 0, worstStallMs: 0, worstLateMs: 0 });
  });
});
