// What part of a document is coded. Very large notes are coded up to a cap (the rest would tie up the engine
// for minutes) and binary files opened as text are not coded; both say so in a visible message.

/** Characters coded at most (~40,000 words, far above any real note). */
export const MAX_CODED_CHARS = 300_000;
const SAMPLE = 64 * 1024;

export interface GuardedText { text: string; skipped?: string }

/** True for text that is mostly not text: NUL characters, or over 10% control / replacement characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  if (!n) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / n > 0.1;
}

export function guardNote(text: string): GuardedText {
  if (looksBinary(text)) return { text: '', skipped: 'This file looks binary (unreadable characters), so Clinical Coder does not code it.' };
  if (text.length <= MAX_CODED_CHARS) return { text };
  const cut = text.lastIndexOf('\n', MAX_CODED_CHARS);
  const end = cut > MAX_CODED_CHARS / 2 ? cut : MAX_CODED_CHARS;
  const mb = (text.length / 1e6).toFixed(text.length >= 1e7 ? 0 : 1);
  return { text: text.slice(0, end), skipped: `This note is ${mb} MB; Clinical Coder coded only its first ${end.toLocaleString('en-US')} characters. Split it into smaller notes to code the rest.` };
}
