import * as readline from 'readline';

/**
 * Asks `question` on stderr and reads one line from stdin: resolves true for y or yes; false for
 * anything else, Ctrl-D, Ctrl-C at the prompt (readline takes it at a terminal: no process
 * signal) or `signal` aborting. Never rejects.
 */
export function askOnStderr(question: string, signal: AbortSignal): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    const finish = (yes: boolean) => {
      if (answered) return;
      answered = true;
      signal.removeEventListener('abort', onAbort);
      rl.close();
      resolve(yes);
    };
    const onAbort = () => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', () => finish(false));
    rl.on('close', () => finish(false));
    rl.question(question, (answer) => finish(/^y(es)?$/i.test(answer.trim())));
  });
}
