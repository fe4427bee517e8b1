/**
 * No shell between ECS and the app: with `sh -c "app"` the shell is the process ECS sends
 * SIGTERM to (or the init's only child), and it does not pass the signal on — the app is
 * SIGKILLed at stopTimeout with its in-flight work. `sh -c "… && exec app"` and `bash -c "app"`
 * hand the process over to the app and are fine (start-command.ts says why). A script doctor
 * cannot read (`/start.sh`, `bash run.sh`) and a container that leaves the start command to the
 * image are not judged, and a note says so. Health checks (`CMD-SHELL`) are not start commands.
 */
import type { GuardrailRule } from '../../types';
import { containerName, essentialContainers, TASK_DEFINITION } from '../ecs-links';
import { judgeStartCommand } from './start-command';

export const noShellEntrypoint: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const failures: string[] = [];
  const notes: string[] = [];
  let passed = 0;
  for (const c of essentialContainers(resource)) {
    const entry = Array.isArray(c.EntryPoint) ? c.EntryPoint : [];
    const command = Array.isArray(c.Command) ? c.Command : [];
    const argv = [...entry, ...command];
    const name = containerName(c);
    if (argv.length === 0) {
      notes.push(`container ${name}: no EntryPoint/Command, the image's ENTRYPOINT decides (use exec form)`);
      continue;
    }
    if (!argv.every((a): a is string => typeof a === 'string')) {
      notes.push(`container ${name}: a start command built from intrinsics is not judged`);
      continue;
    }
    const verdict = judgeStartCommand(argv);
    if (verdict.kind === 'shell-stays') failures.push(`container ${name}: ${verdict.why}`);
    else if (verdict.kind === 'script-unseen') notes.push(`container ${name}: starts script ${verdict.script}, whose contents doctor cannot see: not judged (make it end with exec)`);
    else if (verdict.kind === 'unparsed') notes.push(`container ${name}: ${verdict.why}: not judged`);
    else passed += 1;
  }
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; '), notes };
  if (notes.length > 0) return { compliance: 'not-applicable', notes };
  return passed > 0 ? 'compliant' : 'not-applicable';
};
