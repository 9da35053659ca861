// Phrase-sized chunks of a sentence for the encoder: split at punctuation and at function words,
// so each query is about as long as a code title ("right renal colic", "liver metastases").

const BREAK = /[,;:()[\].!?]|\b(?:and|or|with|without|but|which|that|who|whom|was|were|is|are|be|been|has|had|have|showed|shows|showing|revealed|presented|presenting|performed|after|before|for|during|from|since|by|at|on|to|in|of|the|a|an|this|these|his|her|their|its)\b/gi;
const MAX_WORDS = 8;

export interface Chunk { start: number; end: number; text: string }

export function phraseChunks(sentence: string): Chunk[] {
  const out: Chunk[] = [];
  let last = 0;
  const push = (a: number, b: number) => {
    const raw = sentence.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text || !/[a-z]{4}/i.test(text)) return;
    const words = text.split(/\s+/);
    if (words.length > MAX_WORDS) return; // long runs without breaks are lists or noise
    out.push({ start: a + lead, end: a + lead + text.length, text });
  };
  for (const m of sentence.matchAll(BREAK)) { push(last, m.index!); last = m.index! + m[0].length; }
  push(last, sentence.length);
  return out;
}
