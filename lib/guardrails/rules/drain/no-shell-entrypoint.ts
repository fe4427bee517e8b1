/**
 * No shell as the container's start command: `sh -c "app"` makes the shell PID 1 (or the
 * init's only child), and the shell does not pass SIGTERM on — the app is SIGKILLed at
 * stopTimeout with its in-flight work. Only what the template says is judged; with neither
 * EntryPoint nor Command the image's own ENTRYPOINT decides (not visible here).
 */
import type { GuardrailRule } from '../../types';
import { containerName, essentialContainers, TASK_DEFINITION } from '../ecs-links';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** True when an argv (EntryPoint then Command) starts a shell. */
export function startsShell(argv: readonly unknown[]): boolean {
  const first = argv.find((a) => typeof a === 'string' && a.trim() !== '');
  if (typeof first !== 'string') return false;
  if (first.trim().toUpperCase() === 'CMD-SHELL') return true;
  const program = first.trim().split(/\s+/)[0];
  const base = program.split('/').pop() ?? program;
  return SHELLS.has(base) || (base === 'env' && argv.some((a) => typeof a === 'string' && SHELLS.has(a.split('/').pop() ?? '')));
}

export const noShellEntrypoint: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const failures: string[] = [];
  let judged = 0;
  for (const c of essentialContainers(resource)) {
    const entry = Array.isArray(c.EntryPoint) ? c.EntryPoint : [];
    const command = Array.isArray(c.Command) ? c.Command : [];
    if (entry.length + command.length === 0) continue;
    judged += 1;
    const argv = [...entry, ...command];
    if (startsShell(argv)) failures.push(`container ${containerName(c)}: starts ${JSON.stringify(argv.slice(0, 3))}`);
  }
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; ') };
  return judged > 0 ? 'compliant' : { compliance: 'not-applicable', detail: "no EntryPoint/Command: the image's ENTRYPOINT decides (use exec form)" };
};
