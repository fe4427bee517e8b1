/**
 * Splits a shell script (the string after `sh -c`) into its top-level simple commands, each
 * with its words (quotes removed, `$VAR` kept as written) and the operator that joined it to
 * the one before (`;`, `&&`, `||`, `|`, `&`, newline). Enough to tell `… && exec app` from
 * `app` and from `app | tee log`; not a shell parser: a script with a subshell, a compound
 * command (`if`, `while`, `{ … }`) or an unclosed quote is reported as `complex`.
 */
export interface ShellSegment {
  /** The operator before this command; '' for the first. */
  readonly joinedBy: '' | ';' | '&&' | '||' | '|' | '&' | '\n';
  readonly words: readonly string[];
}

export interface ShellScript {
  readonly segments: readonly ShellSegment[];
  /** True when the script holds something this splitter does not follow (subshells, compound commands, an open quote). */
  readonly complex: boolean;
  /** The operator after the last command: `&` when the script ends by sending it to the background; '' with no command. */
  readonly endsWith: ShellSegment['joinedBy'];
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', 'function']);

/** Index just past the `)` that closes the `$(` at `open` (or the string's end). */
function closeOfSubstitution(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i += 1) {
    if (script[i] === '(') depth += 1;
    else if (script[i] === ')' && --depth === 0) return i + 1;
  }
  return script.length;
}

export function shellSegments(script: string): ShellScript {
  const raw: { words: string[]; after: ShellSegment['joinedBy'] }[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  let complex = false;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endSegment = (after: ShellSegment['joinedBy']) => {
    endWord();
    raw.push({ words, after });
    words = [];
  };
  for (let i = 0; i < script.length; i += 1) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < script.length) word = (word ?? '') + script[++i];
      else word = (word ?? '') + c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word = word ?? '';
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word = (word ?? '') + script[i + 1];
      i += 1;
      continue;
    }
    if (c === '#' && word === undefined) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i += 1;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      const end = closeOfSubstitution(script, i + 1);
      word = (word ?? '') + script.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    const two = script.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      endSegment(two);
      i += 1;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '\n') {
      endSegment(c);
      continue;
    }
    if (c === '(' || c === ')') complex = true;
    word = (word ?? '') + c;
  }
  if (quote) complex = true;
  endSegment('\n');
  const segments: ShellSegment[] = [];
  let joinedBy: ShellSegment['joinedBy'] = '';
  for (const { words: w, after } of raw) {
    if (w.length === 0) {
      if (after !== '\n' && after !== ';') complex = true; // an operator with no command before it
      continue;
    }
    segments.push({ joinedBy: segments.length === 0 ? '' : joinedBy, words: w });
    joinedBy = after;
  }
  if (segments.some((s) => KEYWORDS.has(s.words[0]))) complex = true;
  return { segments, complex, endsWith: joinedBy };
}
