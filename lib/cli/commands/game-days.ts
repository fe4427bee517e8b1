/**
 * `drills game-days pause|resume [--service <name>]`: every game-day schedule of the account and
 * region (the EventBridge Scheduler groups `fis-drills-<service>`, lib/contract.ts), or one
 * service's, set DISABLED or ENABLED through GetSchedule + UpdateSchedule (every other member of
 * the schedule kept: lib/runner/aws/scheduler-api.ts). Says what it will change, asks (a prompt on
 * stderr; `--yes` when nobody is there), then one progress line per schedule. A later deploy
 * that updates a schedule sets it back to the template's state (`drills.gameDaysEnabled`).
 * Exit OK (0) when every schedule is in the asked state, USAGE (2) on bad arguments or a service
 * with no schedule group, NOT_CONFIRMED (3) when not confirmed, UNREACHABLE (5) when AWS could
 * not be read or a schedule could not be changed.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Command } from 'commander';
import { GAME_DAY_SCHEDULE_GROUP_PREFIX, gameDayScheduleGroup } from '../../contract';
import { describeError } from '../../runner/aws/aws-error';
import { schedulerApi, type ScheduleRef, type ScheduleState, type SchedulerApi } from '../../runner/aws/scheduler-api';
import { askOnStderr } from '../ask-on-stderr';
import { openSession, type AwsCommandDeps } from '../aws-target';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { listenForOperatorSignals } from '../operator-signals';
import { Output } from '../output';
import { gameDaysJson, type ScheduleChange } from '../result-json';

export interface GameDaysArgs {
  readonly action: 'pause' | 'resume';
  /** Only this service's schedules (group `fis-drills-<service>`). @default - every game-day group */
  readonly service?: string;
  readonly yes?: boolean;
  readonly json?: boolean;
  readonly region?: string;
}

export interface GameDaysDeps extends Pick<AwsCommandDeps, 'session' | 'signals'> {
  /** The Scheduler calls, and how to let go of them. @default - a SchedulerClient from the SDK's default chain */
  readonly scheduler?: (region?: string) => { readonly api: SchedulerApi; close(): void };
  /** @default process.stdin.isTTY */
  readonly interactive?: boolean;
  /** Answers the confirmation prompt. @default - a line read from stdin */
  readonly confirm?: (question: string) => Promise<boolean>;
}

const TARGET: Record<GameDaysArgs['action'], ScheduleState> = { pause: 'DISABLED', resume: 'ENABLED' };
const DONE: Record<GameDaysArgs['action'], string> = { pause: 'paused', resume: 'resumed' };

function defaultScheduler(region?: string): { api: SchedulerApi; close(): void } {
  const client = new SchedulerClient({ ...(region ? { region } : {}), retryMode: 'adaptive', maxAttempts: 8 });
  return { api: schedulerApi(client), close: () => client.destroy() };
}

/** Resolves with the exit code; says every failure once on stderr. Never throws. */
export async function gameDaysCommand(args: GameDaysArgs, io: IoHost, deps: GameDaysDeps = {}): Promise<number> {
  const output = new Output(io, 'game-days', { json: args.json });
  const to = TARGET[args.action];
  if (!args.yes && !(deps.interactive ?? Boolean(process.stdin.isTTY))) {
    output.failure(`stdin is not a terminal, so nobody can confirm: pass --yes to ${args.action} the game-day schedules without asking`);
    return COMMAND_EXIT.USAGE;
  }
  const session = openSession(args, deps);
  const scheduler = (deps.scheduler ?? defaultScheduler)(args.region);
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) => output.notice(`${name}: stopping after the schedule being changed; the others stay as they are`, { newLineFirst: true }),
    onRepeat: (name) => output.notice(`${name}: still finishing the schedule being changed`, { newLineFirst: true }),
  });
  try {
    const caller = await session.apis.identity.callerIdentity();
    const found = await gameDaySchedules(scheduler.api, args.service);
    if ('usage' in found) return (output.failure(found.usage), COMMAND_EXIT.USAGE);
    const pending = found.schedules.filter((s) => s.state !== to);
    const where = args.service === undefined ? `every service (groups ${GAME_DAY_SCHEDULE_GROUP_PREFIX}*)` : `service ${args.service} (group ${gameDayScheduleGroup(args.service)})`;
    output.notice(`${found.schedules.length} game-day schedule(s) of ${where} in account ${caller.account}; ${pending.length} to set ${to}`);
    const changes: ScheduleChange[] = found.schedules.filter((s) => s.state === to).map((s) => ({ group: s.group, name: s.name, from: s.state, to, changed: false }));
    if (pending.length > 0 && !args.yes) {
      pending.forEach((s) => output.progress(`${s.group}/${s.name}: ${s.state} → ${to}`));
      const question = `${args.action === 'pause' ? 'Pause' : 'Resume'} ${pending.length} game-day schedule(s) in account ${caller.account}? [y/N] `;
      const confirmed = await (deps.confirm ?? ((q) => askOnStderr(q, operator.signal)))(question);
      if (!confirmed || operator.signal.aborted) {
        output.notice('not confirmed; no schedule was changed');
        output.result('', gameDaysJson(args.action, changes));
        return COMMAND_EXIT.NOT_CONFIRMED;
      }
    }
    for (const s of pending) {
      if (operator.signal.aborted) {
        changes.push({ group: s.group, name: s.name, from: s.state, to, changed: false, error: 'not changed: the command was stopped' });
        continue;
      }
      try {
        const done = await scheduler.api.setState(s.group, s.name, to);
        output.progress(`${DONE[args.action]} ${s.group}/${s.name} (was ${done.from})`);
        changes.push({ group: s.group, name: s.name, from: done.from, to, changed: done.changed });
      } catch (e) {
        output.failure(`could not set ${s.group}/${s.name} ${to}: ${describeError(e)}`);
        changes.push({ group: s.group, name: s.name, from: s.state, to, changed: false, error: describeError(e) });
      }
    }
    const failed = changes.filter((c) => c.error !== undefined);
    const text = `${changes.length - failed.length} of ${changes.length} game-day schedule(s) ${to}${failed.length > 0 ? `; ${failed.length} not changed (see above)` : ''}; a deploy that updates a schedule sets it back to the template's state (drills.gameDaysEnabled)`;
    output.result(text, gameDaysJson(args.action, changes));
    return failed.length > 0 ? COMMAND_EXIT.UNREACHABLE : COMMAND_EXIT.OK;
  } catch (e) {
    output.failure(describeError(e));
    return COMMAND_EXIT.UNREACHABLE;
  } finally {
    operator.dispose();
    scheduler.close();
    session.close();
  }
}

/** The schedules of every game-day group, or of one service's; a usage error when that service has no group. */
async function gameDaySchedules(api: SchedulerApi, service: string | undefined): Promise<{ schedules: ScheduleRef[] } | { usage: string }> {
  const groups = service === undefined ? await api.groups(GAME_DAY_SCHEDULE_GROUP_PREFIX) : [gameDayScheduleGroup(service)];
  const schedules: ScheduleRef[] = [];
  for (const group of groups) {
    try {
      schedules.push(...(await api.schedules(group)));
    } catch (e) {
      if (service !== undefined && (e as { name?: string }).name === 'ResourceNotFoundException') {
        return { usage: `--service ${service}: there is no schedule group ${group} in this account and region; its game days are off (drills.gameDays) or not deployed here (check --region)` };
      }
      throw e;
    }
  }
  return { schedules };
}

export function registerGameDays(program: Command, ctx: CliContext): void {
  const gameDays = program.command('game-days').description('pause or resume the game-day schedules (EventBridge Scheduler) until the next deploy');
  for (const action of ['pause', 'resume'] as const) {
    gameDays
      .command(action)
      .description(
        action === 'pause'
          ? 'set every game-day schedule DISABLED (or one service’s with --service); a deploy that updates a schedule restores the template’s state'
          : 'set every game-day schedule ENABLED again (or one service’s with --service); a deploy that updates a schedule restores the template’s state',
      )
      .option('--service <name>', "only this service's schedules (group fis-drills-<name>)")
      .option('--yes', 'change them without asking (required when nobody is at a terminal)')
      .option('--region <region>', 'AWS region (default: the SDK chain)')
      .option('--json', 'print only the result as JSON on stdout')
      .action(async (opts: Omit<GameDaysArgs, 'action'>) => ctx.setExitCode(await gameDaysCommand({ ...opts, action }, ctx.io)));
  }
}
