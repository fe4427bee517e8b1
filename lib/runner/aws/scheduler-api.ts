/**
 * The EventBridge Scheduler calls `drills game-days pause|resume` makes (EventBridge Scheduler
 * API Reference: ListScheduleGroups, ListSchedules, GetSchedule, UpdateSchedule): find the
 * game-day schedule groups (`fis-drills-<service>`, lib/contract.ts) and their schedules, and set
 * one schedule's state. UpdateSchedule replaces the whole schedule — a member left out is reset to
 * its default — so setState reads the schedule first and sends every member back with the new state.
 */
import {
  GetScheduleCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  UpdateScheduleCommand,
  type GetScheduleCommandOutput,
  type SchedulerClient,
  type UpdateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';

export type ScheduleState = 'ENABLED' | 'DISABLED';

export interface ScheduleRef {
  readonly group: string;
  readonly name: string;
  /** ENABLED or DISABLED, as ListSchedules says. */
  readonly state: string;
}

export interface SchedulerApi {
  /** Names of the schedule groups starting with `prefix`, every page. */
  groups(prefix: string): Promise<string[]>;
  /** The schedules of `group`, every page. @throws ResourceNotFoundException when there is no such group */
  schedules(group: string): Promise<ScheduleRef[]>;
  /** Sets one schedule's state, every other member as it was; `from` is the state it had, `changed` false when it had `state` already (nothing sent). */
  setState(group: string, name: string, state: ScheduleState): Promise<{ from: string; changed: boolean }>;
}

/** Pages read at most per listing (the SDK's default page: up to 100 entries each). */
const MAX_PAGES = 50;

/**
 * UpdateSchedule's request for `schedule` with `state`: every member GetSchedule returned that
 * UpdateSchedule takes (name, group, expression and its time zone, start and end dates,
 * description, target, flexible time window, KMS key, action after completion), the new state.
 * Pure.
 */
export function updateFromSchedule(schedule: Omit<GetScheduleCommandOutput, '$metadata'>, state: ScheduleState): UpdateScheduleCommandInput {
  const { Name, GroupName, ScheduleExpression, ScheduleExpressionTimezone, StartDate, EndDate, Description, Target, FlexibleTimeWindow, KmsKeyArn, ActionAfterCompletion } = schedule;
  if (!Name || !ScheduleExpression || !Target || !FlexibleTimeWindow)
    throw new Error(`GetSchedule answered without Name, ScheduleExpression, Target or FlexibleTimeWindow for ${GroupName ?? 'default'}/${Name ?? '?'}: nothing was changed`);
  const optional = { GroupName, ScheduleExpressionTimezone, StartDate, EndDate, Description, KmsKeyArn, ActionAfterCompletion };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { Name, ScheduleExpression, Target, FlexibleTimeWindow, ...present, State: state };
}

export function schedulerApi(client: SchedulerClient): SchedulerApi {
  return {
    async groups(prefix) {
      const names: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await client.send(new ListScheduleGroupsCommand({ NamePrefix: prefix, NextToken: token }));
        names.push(...(out.ScheduleGroups ?? []).flatMap((g) => (g.Name ? [g.Name] : [])));
        token = out.NextToken;
        if (!token) break;
      }
      return names;
    },
    async schedules(group) {
      const found: ScheduleRef[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await client.send(new ListSchedulesCommand({ GroupName: group, NextToken: token }));
        found.push(...(out.Schedules ?? []).flatMap((s) => (s.Name ? [{ group: s.GroupName ?? group, name: s.Name, state: s.State ?? 'UNKNOWN' }] : [])));
        token = out.NextToken;
        if (!token) break;
      }
      return found;
    },
    async setState(group, name, state) {
      const schedule = await client.send(new GetScheduleCommand({ Name: name, GroupName: group }));
      const from = schedule.State ?? 'UNKNOWN';
      if (from === state) return { from, changed: false };
      await client.send(new UpdateScheduleCommand(updateFromSchedule(schedule, state)));
      return { from, changed: true };
    },
  };
}
