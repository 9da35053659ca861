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

/**
 * Search-vocabulary tokens (stemmed as src/icd/text.ts stems them) that are frequent in notes but never name a
 * condition on their own: a chunk made only of these (and of numbers) is not worth an encoder query.
 */
const GENERIC_TOKENS = new Set(('patient right left no she he history report year medical treatment examination i deny will not present '
  + 'normal old physical mg up follow today any also plan well stat continu we medication review result week month time daily reason ther '
  + 'test it exam bilateral level counsel increas area complaint negativ when diagnosis study find chief both recommend male evaluation '
  + 'therapy home note positiv clinic due education once other lower two x some last femal need system imag confirm upper days taking day '
  + 'sign past instruction did good complet monitor current control ct cm limit doe mild side regard decreas being evidenc order one three '
  + 'four five first second third time times approximately least same between however there observ consult obtain document relationship '
  + 'impression sequenc general locat position found visit discuss start refer new further possibl back ago since made seen given '
  // narrative, time and hospital-process words
  + 'hour minut month later then next prior previous recent initial initiat admission admitt discharg emergency department hospital room '
  + 'servic unit care outpatient case presenc out chang provid non clinical more significant includ over all than within receiv episod '
  + 'evolution our can work per one maintain did check if take requir prescrib about only explain total experienc endors woman man '
  + 'describ under measur feel reveal use noted period regular remain should another scan diagnos request accord administ close mean '
  + 'cycl serial section identifi complet relevant because ray function rate analysis perform show').split(' '));

/**
 * Whether a chunk can name a condition: it has a word the ICD-10-CM texts use (`inCodeTexts`, the knowledge
 * base's search vocabulary) that is not one of the generic note words above and not a number.
 */
export function canNameCondition(text: string, tokens: (text: string) => string[], inCodeTexts: (token: string) => boolean): boolean {
  return tokens(text).some((t) => !GENERIC_TOKENS.has(t) && !/^\d/.test(t) && inCodeTexts(t));
}
