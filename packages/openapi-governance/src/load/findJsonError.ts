/**
 * Finds the offset of the first syntax error in invalid JSON. Node's JSON.parse messages
 * carry no reliable position (it depends on the V8 version and the kind of error), and
 * the YAML parser accepts some invalid JSON (`{"a": }`), so the position comes from this
 * small scanner. Only called after JSON.parse failed; iterative, so deep nesting is safe.
 */
export function findJsonError(text: string): number {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (): boolean => {
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text.charCodeAt(i) < 0x20) return false;
        i += text[i] === '\\' ? 2 : 1;
      }
      if (i >= text.length) return false;
      i++;
      return true;
    }
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    );
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // Expect a value; containers push onto the stack instead of recursing.
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      if (text[i] === '{' || text[i] === '[') {
        stack.push(text[i] as '{' | '[');
        i++;
        ws();
        if (
          (stack.at(-1) === '{' && text[i] === '}') ||
          (stack.at(-1) === '[' && text[i] === ']')
        ) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (stack.at(-1) === '{') {
          if (text[i] !== '"' || !literal()) return i;
          ws();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (!literal()) return i;
      expectValue = false;
      continue;
    }
    const top = stack.at(-1);
    if (!top) {
      return i < text.length ? i : -1;
    }
    if (text[i] === ',') {
      i++;
      if (top === '{') {
        ws();
        if (text[i] !== '"' || !literal()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}

export function lineAndColumn(
  text: string,
  offset: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
