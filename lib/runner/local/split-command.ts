/**
 * Splits a start command into an argv the way a container's exec-form ENTRYPOINT would be
 * written, so the command's first word is the main process (no shell in between). Whitespace
 * separates words; single and double quotes group them; a backslash escapes the next character
 * outside single quotes. A command that needs a shell (pipes, `;`, `&&`, redirections,
 * `$VAR`, globs) is run as `sh -c "<command>"`, which is what a shell-form ENTRYPOINT does.
 */
const SHELL_SYNTAX = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '~', '#']);

export function splitCommand(command: string): readonly string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length && '"\\$`'.includes(command[i + 1])) word += command[++i];
      else if (quote === '"' && (c === '$' || c === '`')) return shellForm(command);
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (SHELL_SYNTAX.has(c)) {
      return shellForm(command);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return shellForm(command);
  if (inWord) words.push(word);
  if (words.length > 0 && words[0].includes('=')) return shellForm(command);
  return words;
}

function shellForm(command: string): readonly string[] {
  return ['sh', '-c', command];
}
