// Token normalisation shared by the lexicon (knowledge-base side) and the matcher (note side), so
// both agree: case, accents, British/translated spellings, plurals and common adjective/noun
// pairs ("renal" ~ "kidney") fold to one key.

/** Bump when normalisation changes: the shipped lexicon cache is keyed by it. */
export const NORMALIZER_VERSION = 7;

export interface NormToken {
  /** Normalised key. */
  key: string;
  /** Offsets into the text that was tokenised. */
  start: number;
  end: number;
}

/** Function words that carry no meaning for matching (path connectors like "with" included). */
export const MATCH_STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'to', 'by', 'for', 'in', 'on', 'at', 'as', 'is', 'are', 'was', 'were', 'be', 'from',
  'with', 'due', 'nec', 'nos', 'unspecified', 'specified', 'other', 'than', 'into', 'its', 'his', 'her', 'their', 'this', 'that',
  'which', 'who', 'has', 'had', 'have', 'not', 'but', 'also', 'both', 'all', 'any', 'such', 'so', 'site',
]);

// Spelling variants (British, and the Spanish-to-English translation habits of case reports).
const SPELLING: [RegExp, string][] = [
  [/^haem/, 'hem'], [/^anaem/, 'anem'], [/aem/, 'em'], [/^oedem/, 'edem'], [/^oesoph/, 'esoph'], [/^oestr/, 'estr'],
  [/^faec/, 'fec'], [/^paed/, 'ped'], [/oea$/, 'ea'], [/our$/, 'or'], [/^leucocyt/, 'leukocyt'], [/^leucaem/, 'leukem'],
  [/^sulph/, 'sulf'], [/isation$/, 'ization'], [/yse$/, 'yze'],
  // Renamed genus (2016): the FY2023 index still writes "Clostridium difficile".
  [/^clostridioides$/, 'clostridium'],
];

// Adjective and organ-name pairs that the index uses interchangeably ("renal failure" / "kidney failure").
const SYNONYM: Record<string, string> = {
  renal: 'kidney', nephric: 'kidney', hepatic: 'liver', cardiac: 'heart', pulmonary: 'lung', pulmonic: 'lung',
  gastric: 'stomach', cerebral: 'brain', encephalic: 'brain', cutaneous: 'skin', dermal: 'skin', ocular: 'eye', vesical: 'bladder',
  intestinal: 'intestine', bowel: 'intestine', osseous: 'bone', hematic: 'blood', febrile: 'fever', feverish: 'fever', pyrexia: 'fever',
  diabetic: 'diabetes', diabete: 'diabetes', anemic: 'anemia', hypertensive: 'hypertension', asthmatic: 'asthma', septic: 'sepsis', obese: 'obesity',
  tumoral: 'tumor', neoplastic: 'neoplasm', neoplasia: 'neoplasm', carcinomatous: 'carcinoma', metastatic: 'metastasis',
  metastases: 'metastasis', metastasic: 'metastasis', painful: 'pain', ache: 'pain', aching: 'pain', abdominal: 'abdomen',
  thoracic: 'thorax', chest: 'thorax', lumbar: 'lumbar', vertebral: 'vertebra', spinal: 'spine', mammary: 'breast',
  ovarian: 'ovary', uterine: 'uterus', testicular: 'testis', prostatic: 'prostate', pancreatic: 'pancreas', splenic: 'spleen',
  colonic: 'colon', rectal: 'rectum', duodenal: 'duodenum', esophageal: 'esophagus', laryngeal: 'larynx', pharyngeal: 'pharynx',
  nasal: 'nose', oral: 'mouth', lingual: 'tongue', dental: 'tooth', teeth: 'tooth', femoral: 'femur', tibial: 'tibia', costal: 'rib',
  pleural: 'pleura', pericardial: 'pericardium', myocardial: 'myocardium', arterial: 'artery', venous: 'vein', lymphatic: 'lymph',
  ganglionar: 'lymph', adenopathie: 'adenopathy', extremity: 'limb', sacral: 'sacrum',
  ureteral: 'ureter', urethral: 'urethra', adrenal: 'adrenal', thyroidal: 'thyroid', cervical: 'cervical', vaginal: 'vagina',
  infectious: 'infection', infected: 'infection', infective: 'infection', inflammatory: 'inflammation', inflamed: 'inflammation',
  fractured: 'fracture', ulcerated: 'ulcer', ulceration: 'ulcer', ulcerative: 'ulcerative', edematous: 'edema', swollen: 'swelling',
  hemorrhagic: 'hemorrhage', bleeding: 'hemorrhage', haemorrhage: 'hemorrhage', dyspneic: 'dyspnea', dyspnoea: 'dyspnea',
  vomit: 'vomiting', vomited: 'vomiting', nauseous: 'nausea', coughing: 'cough', itching: 'pruritus', itch: 'pruritus',
  asthenic: 'asthenia', weakness: 'weakness', tiredness: 'fatigue', fatigued: 'fatigue', jaundiced: 'jaundice', icteric: 'jaundice',
  icterus: 'jaundice', cirrhotic: 'cirrhosis', ischemic: 'ischemia', necrotic: 'necrosis', thrombotic: 'thrombosis',
  embolic: 'embolism', stenotic: 'stenosis', atrophic: 'atrophy', hypertrophic: 'hypertrophy', dilated: 'dilatation', dilation: 'dilatation',
  hypoxic: 'hypoxia', hypoxemic: 'hypoxia', hypercapnic: 'hypercapnia', hypercarbic: 'hypercapnia',
  calculous: 'calculus', lithiasic: 'calculus', malignant: 'malignant', malignancy: 'malignant', cancerous: 'cancer', leukemic: 'leukemia', lymphomatous: 'lymphoma',
};

/** Plural -> singular by suffix rules (the engine's own, so lexicon and notes always agree). */
export function stem(w: string): string {
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(ches|shes|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is|ys|as)$/.test(w)) return w.slice(0, -1);
  return w;
}

const wordCache = new Map<string, string>();

function normalizeWord(w: string): string {
  let x = wordCache.get(w);
  if (x === undefined) { x = normalizeWordUncached(w); if (wordCache.size < 200_000) wordCache.set(w, x); }
  return x;
}

function normalizeWordUncached(w: string): string {
  let x = w;
  if (x.length > 4) for (const [re, rep] of SPELLING) x = x.replace(re, rep);
  const syn = SYNONYM[x];
  if (syn) return syn;
  x = stem(x);
  return SYNONYM[x] ?? x;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Tokens of `text` with offsets; stopwords are dropped unless `keepStopwords`. */
export function normTokens(text: string, keepStopwords = false): NormToken[] {
  const out: NormToken[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    const w = m[0];
    const raw = /^[a-z0-9]+$/.test(w) ? w : w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (!keepStopwords && MATCH_STOPWORDS.has(raw)) continue;
    if (raw === 's' || raw === 'es') continue; // "(s)" plural markers
    out.push({ key: normalizeWord(raw), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Normalised keys only. */
export function normKeys(text: string): string[] {
  return normTokens(text).map((t) => t.key);
}
