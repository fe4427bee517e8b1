/**
 * What a container's start command (EntryPoint then Command, as ECS joins them) means for
 * SIGTERM: does the app become the process ECS signals, or does a shell stay in between?
 *
 * - exec form (`["node", "server.js"]`): the app is the process; fine.
 * - `sh -c "… && exec app"`: `exec` replaces the shell with the app; fine.
 * - `bash -c "app"` (one simple command): bash execs it itself; fine. dash — `/bin/sh` on
 *   Debian and Ubuntu — does not (measured with dash 0.5.12: `dash -c 'sleep 7'` stays the
 *   parent of `sleep`; bash 5.2 becomes `sleep`), and BusyBox ash is not relied on either, so
 *   `sh -c "app"` keeps the shell, which does not pass SIGTERM on.
 * - a script doctor cannot read (`["/start.sh"]`, `["bash", "run.sh"]`): not judged.
 */
import { shellSegments, type ShellSegment } from './shell-segments';

export type StartCommand =
  | { readonly kind: 'exec-form' }
  | { readonly kind: 'shell-execs'; readonly how: string }
  | { readonly kind: 'shell-stays'; readonly why: string }
  | { readonly kind: 'script-unseen'; readonly script: string }
  | { readonly kind: 'unparsed'; readonly why: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const SHELLS_THAT_EXEC_ONE_COMMAND = new Set(['bash']);
const SCRIPT_FILE = /\.(sh|bash|ksh|zsh)$/;

const base = (program: string): string => program.split('/').pop() ?? program;

/** The program `exec` runs, past its options and redirections; undefined for `exec >log` (only redirects). */
function execTarget(s: ShellSegment): string | undefined {
  if (s.words[0] !== 'exec') return undefined;
  for (let i = 1; i < s.words.length; i += 1) {
    const w = s.words[i];
    if (w === '-a' || /^\d*[<>]+&?$/.test(w)) {
      i += 1;
      continue;
    } // an option or redirection whose value is the next word
    if (/^-[cl]+$/.test(w) || w === '--' || /^\d*[<>]/.test(w)) continue;
    return w;
  }
  return undefined;
}

function judgeScript(shell: string, script: string): StartCommand {
  const { segments, complex, endsWith } = shellSegments(script);
  if (segments.length === 0) return { kind: 'shell-stays', why: `${shell} -c with an empty script` };
  const last = segments[segments.length - 1];
  if (last.joinedBy === '|') return { kind: 'shell-stays', why: 'the last command runs in a pipeline, so the shell stays' };
  // `a & b` runs b in the foreground (b may exec); only a script ending in `&` backgrounds its last command.
  if (endsWith === '&') return { kind: 'shell-stays', why: `the last command ('${last.words[0]}') runs in a background job, not as the process ECS signals: drop the & and prefix it with exec` };
  const traps = segments.some((seg) => seg.words[0] === 'trap' && seg.words.slice(2).some((w) => /^(SIG)?(TERM|15)$/.test(w)));
  if (traps) return { kind: 'unparsed', why: `${shell} -c with a script that traps SIGTERM itself (forwarding is its own)` };
  const target = execTarget(last);
  if (target !== undefined) return { kind: 'shell-execs', how: `the script ends with exec ${target}` };
  if (complex) return { kind: 'unparsed', why: `${shell} -c with a script doctor does not follow (subshell or compound command)` };
  const simple = segments.length === 1 && !last.words.some((w) => /[<>]/.test(w));
  if (simple && SHELLS_THAT_EXEC_ONE_COMMAND.has(shell)) return { kind: 'shell-execs', how: `${shell} -c execs a single simple command` };
  const lead = simple ? `${shell} -c runs '${last.words[0]}' as its child` : `${shell} -c runs '${last.words[0]}' last without exec`;
  return { kind: 'shell-stays', why: `${lead}: prefix it with exec` };
}

/** Judges an argv (EntryPoint then Command). An empty argv is the image's ENTRYPOINT: callers skip it. */
export function judgeStartCommand(argv: readonly string[]): StartCommand {
  let words = [...argv];
  // `["sh -c \"app\""]`: one element holding a whole command line.
  if (words.length > 0 && /\s/.test(words[0].trim())) {
    const first = shellSegments(words[0]).segments;
    if (first.length === 1) words = [...first[0].words, ...words.slice(1)];
  }
  if (words.length > 0 && base(words[0]) === 'env') {
    words = words.slice(1);
    while (words.length > 0 && (words[0].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]))) words = words.slice(1);
  }
  if (words.length === 0) return { kind: 'exec-form' };
  const program = base(words[0]);
  if (SCRIPT_FILE.test(program)) return { kind: 'script-unseen', script: words[0] };
  if (!SHELLS.has(program)) return { kind: 'exec-form' };
  let i = 1;
  if (program === 'busybox') i = words[1] && SHELLS.has(words[1]) ? 2 : 1;
  let readsScriptArg = false;
  for (; i < words.length && words[i].startsWith('-') && words[i] !== '--'; i += 1) {
    if (/^-[a-z]*c[a-z]*$/.test(words[i])) readsScriptArg = true;
    if (words[i] === '-o' || words[i] === '+o') i += 1;
  }
  if (words[i] === '--') i += 1;
  if (!readsScriptArg) {
    return words[i] === undefined ? { kind: 'shell-stays', why: `${program} with no script reads commands from stdin` } : { kind: 'script-unseen', script: `${program} ${words[i]}` };
  }
  return judgeScript(program, words[i] ?? '');
}
