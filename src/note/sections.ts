// Section detection: finds the headers real notes use ("HPI:", "PAST MEDICAL HISTORY", "A/P:",
// "Family History" over a line of dashes, "## Plan") and gives each section a coding role.
import type { Section, SectionRole } from './types';

interface SectionType { kind: string; role: SectionRole; names: string[] }

// Canonical kinds with the names notes give them. Names are matched after normalization
// (lower case, "&" -> "and", punctuation other than "/" dropped, spaces collapsed).
const SECTION_TYPES: SectionType[] = [
  { kind: 'chief_complaint', role: 'complaint', names: ['chief complaint', 'chief complaints', 'cc', 'reason for visit', 'reason for admission',
    'reason for consultation', 'reason for consult', 'reason for referral', 'presenting complaint', 'presenting problem', 'rfv',
    'complaint', 'chief complaint/reason for visit', 'cc/reason for visit', 'reason for encounter', 'indication', 'indications',
    'clinical indication', 'reason for exam', 'reason for study'] },
  { kind: 'history_of_present_illness', role: 'narrative', names: ['history of present illness', 'history of the present illness',
    'hpi', 'present illness', 'history of presenting illness', 'interval history', 'subjective', 's', 'history',
    'hpi/interval history', 'clinical history', 'history/subjective', 'subjective/hpi', 'narrative', 'interval events',
    'events', 'overnight events', 'hpi and interval history'] },
  { kind: 'past_medical_history', role: 'history', names: ['past medical history', 'pmh', 'pmhx', 'medical history', 'past history',
    'past medical hx', 'pmh/psh', 'past medical and surgical history', 'past medical/surgical history', 'medical/surgical history',
    'past medical history/problem list', 'previous medical history', 'prior medical history', 'pmhx/pshx', 'significant past medical history',
    'past medical history and problem list', 'medical hx'] },
  { kind: 'past_surgical_history', role: 'history', names: ['past surgical history', 'psh', 'pshx', 'surgical history', 'past surgical hx',
    'previous surgeries', 'prior surgeries', 'surgeries', 'past procedures', 'surgical hx', 'operations in the past'] },
  { kind: 'family_history', role: 'family', names: ['family history', 'fh', 'fhx', 'family hx', 'family medical history',
    'fam hx', 'family history/social history', 'familial history'] },
  { kind: 'social_history', role: 'social', names: ['social history', 'sh', 'shx', 'social hx', 'social', 'habits',
    'substance use history', 'substance use', 'tobacco/alcohol/drugs', 'social and family history', 'lifestyle', 'psychosocial history'] },
  { kind: 'medications', role: 'medications', names: ['medications', 'meds', 'medication', 'current medications', 'home medications',
    'outpatient medications', 'medications on admission', 'admission medications', 'discharge medications', 'current meds',
    'home meds', 'medication list', 'active medications', 'prescriptions', 'medications at home', 'medications prior to admission',
    'current outpatient medications', 'outpatient meds', 'inpatient medications', 'scheduled medications', 'prn medications',
    'medications on discharge', 'new medications', 'discharge meds', 'current outpatient prescriptions', 'medication reconciliation'] },
  { kind: 'allergies', role: 'allergies', names: ['allergies', 'allergy', 'drug allergies', 'allergies/adverse reactions',
    'adverse reactions', 'allergies and adverse reactions', 'medication allergies', 'allergies/intolerances', 'allergy list'] },
  { kind: 'review_of_systems', role: 'ros', names: ['review of systems', 'ros', 'systems review', 'review of symptoms',
    'review of system', 'pertinent review of systems', 'ros/pertinent negatives'] },
  { kind: 'physical_exam', role: 'exam', names: ['physical exam', 'physical examination', 'exam', 'examination', 'pe', 'objective',
    'o', 'physical findings', 'exam on admission', 'admission exam', 'discharge exam', 'general exam', 'admission physical exam',
    'physical exam on admission', 'discharge physical exam', 'physical exam at discharge', 'focused exam', 'focused physical exam',
    'mental status exam', 'mental status examination', 'mental status', 'mse', 'neurologic exam', 'neurological examination'] },
  { kind: 'vital_signs', role: 'exam', names: ['vital signs', 'vitals', 'vs', 'vital sign', 'admission vitals', 'vitals on admission'] },
  { kind: 'labs', role: 'findings', names: ['labs', 'laboratory', 'laboratory data', 'laboratory results', 'lab results', 'pertinent labs',
    'results', 'data', 'diagnostic data', 'studies', 'diagnostics', 'microbiology', 'micro', 'pathology', 'lab data', 'laboratory studies',
    'labs/imaging', 'labs and imaging', 'pertinent results', 'lab', 'laboratory findings', 'diagnostic studies', 'diagnostic results',
    'labs/studies', 'objective data', 'pertinent data', 'test results'] },
  { kind: 'imaging', role: 'findings', names: ['imaging', 'radiology', 'radiologic studies', 'imaging studies', 'imaging results',
    'radiology results', 'ekg', 'ecg', 'echo', 'echocardiogram', 'cxr', 'chest x-ray', 'chest xray', 'ct', 'mri', 'findings',
    'radiographic findings', 'imaging/studies', 'ekg/ecg', 'cardiac studies', 'electrocardiogram'] },
  { kind: 'assessment', role: 'diagnosis', names: ['assessment', 'a', 'clinical impression', 'impression', 'impressions', 'diagnosis',
    'diagnoses', 'working diagnosis', 'assessment/impression', 'assessment and impression', 'summary', 'clinical summary',
    'impression/assessment', 'diagnostic impression', 'ed diagnosis', 'ed diagnoses', 'emergency department diagnosis',
    'clinical impression/diagnosis', 'final impression'] },
  { kind: 'plan', role: 'plan', names: ['plan', 'p', 'treatment plan', 'recommendations', 'recommendation', 'disposition', 'follow up',
    'followup', 'follow-up', 'instructions', 'followup instructions', 'follow-up instructions', 'follow up appointments',
    'followup appointments', 'return precautions', 'discharge followup', 'discharge instructions', 'recs', 'plan of care', 'care plan', 'discharge plan',
    'discharge disposition', 'patient instructions', 'follow up instructions', 'follow-up appointments', 'orders', 'next steps'] },
  { kind: 'assessment_and_plan', role: 'diagnosis', names: ['assessment and plan', 'a/p', 'a and p', 'assessment/plan', 'impression and plan',
    'impression/plan', 'ap', 'medical decision making', 'mdm', 'assessment and recommendations', 'impression and recommendations',
    'problem based assessment and plan', 'problem-based assessment and plan', 'assessment plan', 'a/p by problem',
    'assessment/recommendations', 'impression/recommendations', 'a+p', 'mdm/ed course', 'assessment & plan'] },
  { kind: 'problem_list', role: 'diagnosis', names: ['problem list', 'problems', 'active problems', 'active problem list',
    'medical problems', 'current problems', 'problem list/past medical history', 'active issues', 'issues', 'hospital problems'] },
  { kind: 'discharge_diagnoses', role: 'diagnosis', names: ['discharge diagnosis', 'discharge diagnoses', 'final diagnosis',
    'final diagnoses', 'principal diagnosis', 'primary diagnosis', 'secondary diagnoses', 'secondary diagnosis', 'diagnoses at discharge',
    'admission diagnosis', 'admitting diagnosis', 'admission diagnoses', 'preoperative diagnosis', 'postoperative diagnosis',
    'pre-operative diagnosis', 'post-operative diagnosis', 'pre-op diagnosis', 'post-op diagnosis', 'principal discharge diagnosis',
    'primary discharge diagnosis', 'secondary discharge diagnoses', 'discharge dx', 'admit diagnosis', 'principal problem',
    'diagnosis at discharge', 'other diagnoses', 'additional diagnoses', 'comorbidities', 'pathologic diagnosis', 'final pathologic diagnosis'] },
  { kind: 'hospital_course', role: 'narrative', names: ['hospital course', 'brief hospital course', 'course', 'ed course',
    'clinical course', 'summary of hospital course', 'emergency department course', 'course in the ed', 'hospital course by problem',
    'icu course', 'course of treatment', 'ed course/mdm', 'history of hospital course'] },
  { kind: 'procedures', role: 'procedures', names: ['procedures', 'procedure', 'operations', 'operations performed', 'procedures performed',
    'procedure performed', 'operation', 'operation performed', 'surgical procedure', 'operative procedure', 'procedures this admission',
    'name of procedure', 'procedure(s)', 'major surgical or invasive procedure', 'interventions', 'description of procedure',
    'operative findings', 'estimated blood loss', 'anesthesia', 'technique'] },
  { kind: 'immunizations', role: 'other', names: ['immunizations', 'immunization history', 'vaccinations', 'vaccines', 'immunization'] },
  { kind: 'code_status', role: 'other', names: ['code status', 'advance directives', 'goals of care'] },
  { kind: 'condition', role: 'other', names: ['condition', 'condition at discharge', 'discharge condition', 'condition on discharge'] },
  { kind: 'consultations', role: 'other', names: ['consults', 'consultations', 'consultants'] },
  { kind: 'comparison', role: 'other', names: ['comparison', 'comparisons'] },
  { kind: 'obstetric_history', role: 'history', names: ['obstetric history', 'ob history', 'ob/gyn history', 'gynecologic history',
    'obstetrical history', 'menstrual history', 'ob/gyn hx', 'gyn history'] },
  { kind: 'functional_status', role: 'other', names: ['functional status', 'functional history'] },
];

/** Labels that look like headers but belong to the section they sit in (ROS systems, exam regions, vitals fields). */
const SUBHEADERS = new Set(['general', 'gen', 'heent', 'head', 'eyes', 'ears', 'nose', 'throat', 'mouth', 'ent', 'neck', 'cardiovascular',
  'cv', 'cvs', 'cardiac', 'heart', 'respiratory', 'resp', 'pulmonary', 'pulm', 'lungs', 'chest', 'abdomen', 'abd', 'gi',
  'gastrointestinal', 'gu', 'genitourinary', 'renal', 'extremities', 'ext', 'skin', 'integumentary', 'neuro', 'neurologic',
  'neurological', 'psych', 'psychiatric', 'musculoskeletal', 'msk', 'constitutional', 'endocrine', 'endo', 'heme', 'hematologic',
  'heme/lymph', 'hematologic/lymphatic', 'lymph', 'lymphatic', 'allergic/immunologic', 'immunologic', 'back', 'spine', 'pelvic',
  'rectal', 'breast', 'breasts', 'pulses', 'vascular', 'mental status', 'gait', 'bp', 'hr', 'rr', 'temp', 't', 'spo2', 'o2 sat',
  'wt', 'ht', 'bmi', 'weight', 'height', 'pulse', 'temperature', 'cbc', 'bmp', 'cmp', 'lfts', 'ua', 'urinalysis', 'coags', 'abg',
  'mood', 'affect', 'speech', 'thought process', 'cognition', 'behavior', 'judgment', 'insight', 'appearance', 'motor', 'sensory',
  'reflexes', 'coordination', 'cranial nerves', 'strength', 'lymph nodes', 'genitalia', 'oropharynx', 'ears/nose/throat', 'eyes/ent',
  'tobacco', 'alcohol', 'drugs', 'etoh', 'illicit drugs', 'occupation', 'living situation', 'exercise', 'diet', 'sexual history',
  'mother', 'father', 'sister', 'brother', 'maternal', 'paternal', 'siblings', 'children', 'note', 'nb', 'dose', 'route', 'frequency',
  'sig', 'dispense', 'refills', 'date', 'time', 'signed', 'electronically signed by', 'attending', 'resident', 'provider', 'dictated by',
  'cc', 'patient', 'name', 'dob', 'mrn', 'age', 'sex', 'gender', 'pcp', 'location', 'room', 'admission date', 'discharge date',
  'date of service', 'service', 'dos', 'negative', 'positive', 'pertinent positives', 'pertinent negatives', 'stable', 'active']);

const LOOKUP = new Map<string, SectionType>();
for (const t of SECTION_TYPES) for (const n of t.names) LOOKUP.set(normalizeHeader(n), t);

export function normalizeHeader(s: string): string {
  return s.toLowerCase().replace(/&/g, ' and ').replace(/\+/g, ' and ').replace(/[^a-z0-9/ ]+/g, ' ').replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ').trim();
}

const LOOKUP_CACHE = new Map<string, { kind: string; role: SectionRole } | null>();

/** The section type a header names, if any. */
export function lookupSection(title: string): { kind: string; role: SectionRole } | undefined {
  const cached = LOOKUP_CACHE.get(title);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookupUncached(title);
  if (LOOKUP_CACHE.size > 5000) LOOKUP_CACHE.clear();
  LOOKUP_CACHE.set(title, found ?? null);
  return found;
}

function lookupUncached(title: string): { kind: string; role: SectionRole } | undefined {
  const key = normalizeHeader(title);
  // Exact name, then without generic tails ("Disposition notes") or qualifiers ("Pertinent labs", "Admission meds").
  const timing = key.replace(/ (on|at|upon|prior to) (admission|discharge|arrival|presentation|transfer)$/, '');
  const tail = timing.replace(/ (notes?|section|list|details|information|info|summary|review|data|findings)$/, '');
  const head = key.replace(/^(admission|admitting|discharge|current|brief|pertinent|final|preliminary|interval|relevant|significant|updated|prior|patient|the|active|new|recent) /, '');
  for (const k of [key, timing, tail, head, head.replace(/ (notes?|section|list|details|information|info)$/, ''), key.replace(/s$/, ''), tail.replace(/s$/, '')]) {
    const hit = LOOKUP.get(k);
    if (hit) return { kind: hit.kind, role: hit.role };
  }
  return undefined;
}

interface Header { start: number; end: number; bodyStart: number; title: string; kind: string; role: SectionRole }

// A header: optional markdown/bullet decoration, a short title, then a colon (body may follow on the line),
// or the title alone on its line. Titles are letters, spaces and a few joiners ("A/P", "Assessment & Plan").
const HEADER_RE = /^([ \t]*(?:#{1,6}[ \t]*|\*\*|__|\[)?)([A-Za-z][A-Za-z0-9 \t/&+'()\-,.]{0,60}?)((?:\*\*|__|\])?[ \t]*(?::|：)(?:\*\*|__)?|(?:\*\*|__|\])?[ \t]*$)/;
const UNDERLINE_RE = /^[ \t]*([-=_~*])\1{2,}[ \t]*$/;

/**
 * Splits `text` into sections. Text before the first header becomes a 'preamble' section; a note without
 * headers is one preamble section. Only the first `limit` characters are searched for headers.
 */
/** Lines searched for headers, and headers kept, per note (a real note has a few hundred lines). */
export const MAX_HEADER_LINES = 20_000;
export const MAX_SECTIONS = 1_000;

export function detectSections(text: string, limit = text.length): Section[] {
  const headers: Header[] = [];
  const n = Math.min(text.length, limit);
  let lineStart = 0;
  let lines = 0;
  while (lineStart < n && lines++ < MAX_HEADER_LINES && headers.length < MAX_SECTIONS) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > n) lineEnd = n;
    const nextLine = lineEnd + 1;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    if (contentEnd - lineStart <= 200) {
      const h = matchHeader(text, lineStart, contentEnd, nextLine, n);
      if (h) {
        headers.push(h);
        if (h.bodyStart > nextLine) { lineStart = skipLine(text, nextLine, n); continue; } // consumed an underline
      }
    }
    lineStart = nextLine;
  }
  const sections: Section[] = [];
  const first = headers.length ? headers[0].start : text.length;
  if (!headers.length ? text.trim().length > 0 : /\S/.test(text.slice(0, first))) {
    sections.push({ kind: 'preamble', role: 'narrative', start: 0, end: first, bodyStart: 0 });
  }
  headers.forEach((h, i) => {
    const end = i + 1 < headers.length ? headers[i + 1].start : text.length;
    sections.push({ kind: h.kind, title: h.title, role: h.role, start: h.start, end, headerStart: h.start, headerEnd: h.end, bodyStart: h.bodyStart });
  });
  return sections;
}

function skipLine(text: string, from: number, n: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 || e > n ? n : e + 1;
}

function matchHeader(text: string, lineStart: number, contentEnd: number, nextLine: number, n: number): Header | undefined {
  const line = text.slice(lineStart, contentEnd);
  const m = HEADER_RE.exec(line);
  if (!m) return undefined;
  const rawTitle = m[2].replace(/[\s.,-]+$/, '');
  if (!rawTitle) return undefined;
  const hasColon = /[:：]/.test(m[3]);
  const titleStart = lineStart + m[1].length;
  const known = lookupSection(rawTitle);
  const norm = normalizeHeader(rawTitle);
  // An underline (---- or ====) on the next line makes a standalone line a header.
  let underlineEnd = -1;
  if (!hasColon && nextLine < n) {
    let ue = text.indexOf('\n', nextLine);
    if (ue < 0 || ue > n) ue = n;
    const u = text.slice(nextLine, ue).replace(/\r$/, '');
    if (UNDERLINE_RE.test(u)) underlineEnd = nextLine + u.length;
  }
  const letters = rawTitle.replace(/[^A-Za-z]/g, '');
  const allCaps = letters.length >= 2 && letters === letters.toUpperCase();
  const words = norm.split(' ').length;
  let kind: string;
  let role: SectionRole;
  if (known) {
    // Single-letter names ("S:", "O:", "A:", "P:") only count with a colon; bare words need caps, a colon,
    // an underline, or markdown decoration, so prose lines like "Plan" mid-paragraph still count but "history" in text does not.
    if (norm.length === 1 && !hasColon) return undefined;
    if (!hasColon && underlineEnd < 0 && !allCaps && !/#|\*\*|__/.test(m[1] + m[3]) && !/^[A-Z]/.test(rawTitle)) return undefined;
    if (SUBHEADERS.has(norm) && !allCaps && !hasColon) return undefined;
    ({ kind, role } = known);
  } else {
    // Unknown headers: ALL-CAPS with a colon, or any short title over an underline. Known sub-labels stay inside.
    // "WBC: 12", "NA 135." are data, not headers: no digits, no sentence period, and a one-word label needs its own line.
    if (SUBHEADERS.has(norm) || words > 6 || /\d/.test(rawTitle) || /\.\s*$/.test(m[2])) return undefined;
    const restEmpty = lineIsOnly(line, m);
    if (!((allCaps && (restEmpty || (hasColon && words >= 2))) || underlineEnd >= 0)) return undefined;
    if (!allCaps && underlineEnd < 0) return undefined;
    kind = norm.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'other';
    role = 'other';
  }
  const headerEnd = underlineEnd >= 0 ? underlineEnd : lineStart + m[0].length;
  let bodyStart = headerEnd;
  while (bodyStart < contentEnd && (text[bodyStart] === ' ' || text[bodyStart] === '\t')) bodyStart++;
  if (underlineEnd >= 0) bodyStart = Math.min(n, skipLine(text, nextLine, n));
  else if (bodyStart >= contentEnd) bodyStart = Math.min(text.length, nextLine);
  return { start: lineStart, end: headerEnd, bodyStart, title: text.slice(titleStart, titleStart + rawTitle.length), kind, role };
}

function lineIsOnly(line: string, m: RegExpExecArray): boolean {
  return m[0].length >= line.replace(/\s+$/, '').length;
}
