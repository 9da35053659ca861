// A small hand-written table of common conditions -> ICD-10-CM FY2026 codes. It is the stand-in suggestion
// source that proves the language-server pipes before the real engine (src/coder) is wired in; titles and
// billable flags are copied from the FY2026 order file.

export interface KeywordEntry {
  code: string;
  title: string;
  billable: boolean;
  /** Case-insensitive phrases; the first that matches is the evidence's `matched` label. */
  patterns: RegExp[];
  confidence: number;
  /** Less specific codes this one replaces when both are found in the same note. */
  supersedes?: string[];
  /** The phrase already states the context (e.g. "history of"), so history/family cues do not demote it. */
  contextInPhrase?: boolean;
  alternatives?: { code: string; title: string; reason?: string }[];
  notes?: string[];
}

const DM2 = String.raw`(?:type\s*(?:2|ii)\s+diabetes(?:\s+mellitus)?|t2dm|dm\s*(?:2|ii))`;
const CKD = String.raw`(?:chronic\s+kidney\s+disease|ckd)`;
const COPD = String.raw`(?:copd|chronic\s+obstructive\s+pulmonary\s+disease)`;

export const KEYWORD_TABLE: KeywordEntry[] = [
  {
    code: 'E11.22', title: 'Type 2 diabetes mellitus with diabetic chronic kidney disease', billable: true, confidence: 0.91,
    patterns: [new RegExp(String.raw`${DM2}\s+with\s+(?:diabetic\s+)?(?:${CKD}|nephropathy)`, 'i'), new RegExp(String.raw`diabetic\s+(?:${CKD}|nephropathy)`, 'i')],
    supersedes: ['E11.9'],
    notes: ['Use additional code to identify stage of chronic kidney disease (N18.1-N18.6)'],
  },
  {
    code: 'E11.9', title: 'Type 2 diabetes mellitus without complications', billable: true, confidence: 0.86,
    patterns: [new RegExp(DM2, 'i')],
    alternatives: [
      { code: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia', reason: 'document hyperglycemia' },
      { code: 'E11.22', title: 'Type 2 diabetes mellitus with diabetic chronic kidney disease', reason: 'document diabetic CKD' },
    ],
  },
  {
    code: 'N18.30', title: 'Chronic kidney disease, stage 3 unspecified', billable: true, confidence: 0.84,
    patterns: [new RegExp(String.raw`${CKD},?\s+stage\s*(?:3|iii)\b`, 'i')],
    supersedes: ['N18.9'],
    alternatives: [
      { code: 'N18.31', title: 'Chronic kidney disease, stage 3a', reason: 'document stage 3a' },
      { code: 'N18.32', title: 'Chronic kidney disease, stage 3b', reason: 'document stage 3b' },
    ],
  },
  { code: 'N18.9', title: 'Chronic kidney disease, unspecified', billable: true, confidence: 0.72, patterns: [new RegExp(String.raw`\b${CKD}\b`, 'i')] },
  {
    code: 'I10', title: 'Essential (primary) hypertension', billable: true, confidence: 0.88,
    patterns: [/\b(?:essential\s+)?hypertension\b/i, /\bHTN\b/, /\bhigh\s+blood\s+pressure\b/i],
    notes: ['Excludes1: hypertensive disease complicating pregnancy (O10-O11, O13-O16)'],
  },
  {
    code: 'I50.33', title: 'Acute on chronic diastolic (congestive) heart failure', billable: true, confidence: 0.83,
    patterns: [/\bacute\s+on\s+chronic\s+diastolic\s+(?:\(congestive\)\s+)?heart\s+failure\b/i],
    supersedes: ['I50.9'],
  },
  {
    code: 'I50.9', title: 'Heart failure, unspecified', billable: true, confidence: 0.8,
    patterns: [/\b(?:congestive\s+)?heart\s+failure\b/i, /\bCHF\b/],
    alternatives: [
      { code: 'I50.32', title: 'Chronic diastolic (congestive) heart failure', reason: 'document type and acuity' },
      { code: 'I50.22', title: 'Chronic systolic (congestive) heart failure', reason: 'document type and acuity' },
    ],
  },
  {
    code: 'J44.1', title: 'Chronic obstructive pulmonary disease with (acute) exacerbation', billable: true, confidence: 0.82,
    patterns: [new RegExp(String.raw`${COPD}(?:\s+with)?(?:\s+(?:an?|mild|acute|moderate|severe))*\s+exacerbation`, 'i'), new RegExp(String.raw`${COPD}:\s*(?:mild|acute|moderate|severe)?\s*exacerbation`, 'i'), new RegExp(String.raw`exacerbation\s+of\s+${COPD}`, 'i')],
    supersedes: ['J44.9'],
  },
  { code: 'J44.9', title: 'Chronic obstructive pulmonary disease, unspecified', billable: true, confidence: 0.85, patterns: [new RegExp(String.raw`\b${COPD}\b`, 'i')] },
  {
    code: 'J18.9', title: 'Pneumonia, unspecified organism', billable: true, confidence: 0.84,
    patterns: [/\bpneumonia\b/i],
    alternatives: [{ code: 'J15.9', title: 'Unspecified bacterial pneumonia', reason: 'document the organism' }],
  },
  { code: 'I48.91', title: 'Unspecified atrial fibrillation', billable: true, confidence: 0.87, patterns: [/\batrial\s+fibrillation\b/i, /\bA-?fib\b/i] },
  { code: 'E78.5', title: 'Hyperlipidemia, unspecified', billable: true, confidence: 0.86, patterns: [/\bhyperlipidemia\b/i, /\bHLD\b/] },
  { code: 'J45.909', title: 'Unspecified asthma, uncomplicated', billable: true, confidence: 0.8, patterns: [/\basthma\b/i] },
  { code: 'K21.9', title: 'Gastro-esophageal reflux disease without esophagitis', billable: true, confidence: 0.83, patterns: [/\bgastro-?\s?esophageal\s+reflux(?:\s+disease)?\b/i, /\bGERD\b/] },
  { code: 'I25.10', title: 'Atherosclerotic heart disease of native coronary artery without angina pectoris', billable: true, confidence: 0.78, patterns: [/\bcoronary\s+artery\s+disease\b/i, /\bCAD\b/] },
  { code: 'E66.9', title: 'Obesity, unspecified', billable: true, confidence: 0.74, patterns: [/\bobesity\b/i] },
  { code: 'R07.9', title: 'Chest pain, unspecified', billable: true, confidence: 0.76, patterns: [/\bchest\s+pain\b/i] },
  { code: 'N39.0', title: 'Urinary tract infection, site not specified', billable: true, confidence: 0.82, patterns: [/\burinary\s+tract\s+infection\b/i, /\bUTI\b/] },
  { code: 'D64.9', title: 'Anemia, unspecified', billable: true, confidence: 0.7, patterns: [/\ban(?:a)?emia\b/i] },
  { code: 'G47.33', title: 'Obstructive sleep apnea (adult) (pediatric)', billable: true, confidence: 0.8, patterns: [/\bobstructive\s+sleep\s+apnea\b/i, /\bOSA\b/] },
  { code: 'F32.A', title: 'Depression, unspecified', billable: true, confidence: 0.72, patterns: [/\bdepression\b/i] },
  { code: 'F17.210', title: 'Nicotine dependence, cigarettes, uncomplicated', billable: true, confidence: 0.79, patterns: [/\bnicotine\s+dependence,?\s+cigarettes\b/i, /\bcurrent\s+smoker\b/i] },
  { code: 'Z87.891', title: 'Personal history of nicotine dependence', billable: true, confidence: 0.77, contextInPhrase: true, patterns: [/\bformer\s+smoker\b/i, /\bhistory\s+of\s+(?:smoking|tobacco\s+use)\b/i] },
  {
    code: 'Z86.73', title: 'Personal history of transient ischemic attack (TIA), and cerebral infarction without residual deficits', billable: true, confidence: 0.78,
    contextInPhrase: true, patterns: [/\bhistory\s+of\s+(?:a\s+)?(?:transient\s+ischemic\s+attack|TIA|stroke|cerebral\s+infarction)\b/i],
  },
];
