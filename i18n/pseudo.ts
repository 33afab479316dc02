// Why: a pseudo-locale shows, before any translator has worked, where the layout clips or
// overflows text that is longer than English or has accents above and below the line.
// Only the literal text of each ICU message is changed: arguments, plural and select
// keywords, `#` and quoted parts stay as they are, so every message still formats.
const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

const VOWELS = /[aeiouAEIOU]/;

function pseudoText(text: string): string {
  let out = '';
  for (const ch of text) {
    out += ACCENTED[ch] ?? ch;
    // About 40% longer: the vowels are doubled, as German or French text often runs longer.
    if (VOWELS.test(ch)) out += ACCENTED[ch] ?? ch;
  }
  return out;
}

/** Pseudo-localises one ICU message: text inside `[…]`, longer and accented. */
export function pseudoMessage(message: string): string {
  let out = '';
  let text = '';
  // Stack of contexts: 'text' (a message or a plural branch) or 'arg' (inside `{…}`).
  const stack: ('text' | 'arg')[] = ['text'];
  const flush = () => {
    out += pseudoText(text);
    text = '';
  };
  for (let i = 0; i < message.length; i += 1) {
    const ch = message[i]!;
    const inText = stack[stack.length - 1] === 'text';
    if (ch === "'" && inText) {
      // ICU quoting: copy a quoted run as it is.
      flush();
      const end = message.indexOf("'", i + 1);
      const stop = end === -1 ? message.length - 1 : end;
      out += message.slice(i, stop + 1);
      i = stop;
    } else if (ch === '{') {
      if (inText) flush();
      stack.push(inText ? 'arg' : 'text');
      out += ch;
    } else if (ch === '}') {
      if (inText) flush();
      stack.pop();
      out += ch;
    } else if (inText && ch !== '#') {
      text += ch;
    } else {
      if (inText) flush();
      out += ch;
    }
  }
  flush();
  return `[${out}]`;
}

export function pseudoCatalogue(messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, pseudoMessage(v)]));
}
