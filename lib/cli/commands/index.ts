/**
 * The commands `drills` has: one registrar per command file. Add a command with one line here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerDoctor } from './doctor';
import { registerGameDays } from './game-days';
import { registerHistory } from './history';
import { registerList } from './list';
import { registerPreflight } from './preflight';
import { registerReport } from './report';
import { registerRehearse } from './rehearse';
import { registerRun } from './run';
import { registerSchema } from './schema';
import { registerStop } from './stop';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerList,
  registerRehearse,
  registerPreflight,
  registerRun,
  registerStop,
  registerGameDays,
  registerReport,
  registerDoctor,
  registerHistory,
  registerSchema,
];
