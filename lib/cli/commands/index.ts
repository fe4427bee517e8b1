/**
 * The commands `drills` has: one registrar per command file. Add a command with one line here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerDoctor } from './doctor';
import { registerList } from './list';
import { registerRehearse } from './rehearse';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerList, registerRehearse, registerDoctor];
