import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { contextAt, parseNote, lookupSection, type Note } from '../../../src/note';

/** Every offset in the note must slice the original text to exactly what the object says. */
function assertWellFormed(note: Note): void {
  const { text } = note;
  let prevEnd = 0;
  for (const s of note.sections) {
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `section ${s.kind} bounds`);
    assert.ok(s.bodyStart >= s.start && s.bodyStart <= s.end, `section ${s.kind} bodyStart`);
    assert.equal(s.start, prevEnd, 'sections are contiguous');
    prevEnd = s.end;
    if (s.headerStart !== undefined) assert.ok(s.headerEnd! <= s.bodyStart);
  }
  if (note.sections.length) assert.equal(prevEnd, text.length, 'sections cover the text');
  let last = -1;
  for (const s of note.sentences) {
    assert.equal(text.slice(s.start, s.end), s.text);
    assert.ok(s.start >= last, 'sentences are in order');
    last = s.end;
    const sec = note.sections[s.sectionIndex];
    assert.ok(sec && s.start >= sec.bodyStart && s.end <= sec.end, 'sentence inside its section body');
    for (const t of s.tokens) {
      assert.equal(text.slice(t.start, t.end), t.text);
      assert.ok(t.start >= s.start && t.end <= s.end);
    }
  }
  for (const a of note.abbreviations) assert.equal(text.slice(a.start, a.end), a.text);
}

const NOTE = [
  'CHIEF COMPLAINT: Chest pain',
  '',
  'HPI: 67 yo M w/ h/o HTN, DM2 and CAD s/p PCI presents with substernal CP x 2 days. Dr. Smith increased metoprolol to 50 mg b.i.d. last week.',
  'He denies fever, chills, or cough. No SOB but has DOE.',
  '',
  'Past Medical History:',
  '1. HTN - stable',
  '2. T2DM - A1c 7.2',
  '3. CKD3',
  '',
  'Family History',
  '--------------',
  'Mother with breast cancer. Father had MI at 60.',
  '',
  'ROS:',
  'Constitutional: Negative for fever.',
  'Respiratory: Positive for dyspnea.',
  '',
  'PHYSICAL EXAM:',
  'Vitals: BP 140/90, HR 88, SpO2 97% on RA.',
  'General: NAD.',
  '',
  '## Assessment and Plan',
  '1. Chest pain - r/o ACS. Cannot exclude PE.',
  '2. MS - stable on ocrelizumab.',
].join('\r\n');

test('sections: colon, ALL-CAPS, underline and markdown headers with canonical kinds and roles', () => {
  const note = parseNote(NOTE);
  assertWellFormed(note);
  const kinds = note.sections.map((s) => `${s.kind}:${s.role}`);
  assert.deepEqual(kinds, [
    'chief_complaint:complaint', 'history_of_present_illness:narrative', 'past_medical_history:history', 'family_history:family',
    'review_of_systems:ros', 'physical_exam:exam', 'vital_signs:exam', 'assessment_and_plan:diagnosis',
  ]);
  const fh = note.sections.find((s) => s.kind === 'family_history')!;
  assert.equal(fh.title, 'Family History');
  assert.equal(NOTE.slice(fh.bodyStart, fh.bodyStart + 6), 'Mother', 'body starts after the underline');
  const cc = note.sections[0];
  assert.equal(NOTE.slice(cc.bodyStart, cc.end).trim(), 'Chest pain', 'inline body after the colon');
});

test('section synonyms', () => {
  for (const [name, kind] of [['A/P', 'assessment_and_plan'], ['Assessment & Plan', 'assessment_and_plan'], ['PMH', 'past_medical_history'],
    ['PSH', 'past_surgical_history'], ['FHx', 'family_history'], ['Social Hx', 'social_history'], ['Meds', 'medications'],
    ['Allergies', 'allergies'], ['Review of Systems', 'review_of_systems'], ['Physical Examination', 'physical_exam'], ['Labs', 'labs'],
    ['Imaging', 'imaging'], ['Impression', 'assessment'], ['Plan', 'plan'], ['Discharge Diagnoses', 'discharge_diagnoses'],
    ['Hospital Course', 'hospital_course'], ['Brief Hospital Course', 'hospital_course'], ['Chief Complaint', 'chief_complaint'],
    ['History of Present Illness', 'history_of_present_illness'], ['Procedures', 'procedures'], ['Problem List', 'problem_list']] as const) {
    assert.equal(lookupSection(name)?.kind, kind, name);
  }
  assert.equal(lookupSection('Hypertension'), undefined);
});

test('sub-labels (ROS systems, exam regions) stay inside their section; unknown ALL-CAPS headers open one', () => {
  const note = parseNote('REVIEW OF SYSTEMS:\nGeneral: no fever.\nHEENT: no sore throat.\nCODE STATUS: Full code.\nPlan\nFollow up in 2 weeks.');
  assertWellFormed(note);
  assert.deepEqual(note.sections.map((s) => s.kind), ['review_of_systems', 'code_status', 'plan']);
  const misc = parseNote('DISPOSITION NOTES:\nHome.');
  assert.equal(misc.sections[0].kind, 'plan');
  const unknown = parseNote('SPECIAL INSTRUCTIONS:\nNone.');
  assert.equal(unknown.sections[0].kind, 'special_instructions');
  assert.equal(unknown.sections[0].role, 'other');
});

test('a note without headers is one narrative section; prose words are not headers', () => {
  const note = parseNote('Patient doing well.\nPlan is to continue current therapy.\nHistory was obtained from the patient.');
  assertWellFormed(note);
  assert.equal(note.sections.length, 1);
  assert.equal(note.sections[0].kind, 'preamble');
  assert.equal(note.sentences.length, 3);
});

test('sentences: numbered problems, abbreviations with periods, decimals and vitals', () => {
  const note = parseNote(NOTE);
  const texts = note.sentences.map((s) => s.text);
  assert.ok(texts.includes('1. HTN - stable'));
  assert.ok(texts.includes('2. T2DM - A1c 7.2'));
  assert.ok(note.sentences.find((s) => s.text === '3. CKD3')?.listItem);
  assert.ok(texts.includes('Dr. Smith increased metoprolol to 50 mg b.i.d. last week.'), texts.join(' | '));
  assert.ok(texts.includes('Vitals: BP 140/90, HR 88, SpO2 97% on RA.') || texts.includes('BP 140/90, HR 88, SpO2 97% on RA.'));
  assert.ok(texts.includes('No SOB but has DOE.'));
  assert.ok(texts.includes('1. Chest pain - r/o ACS.'));
  assert.ok(texts.includes('Cannot exclude PE.'));
  const vitals = note.sentences.find((s) => s.text.includes('140/90'))!;
  assert.ok(vitals.tokens.some((t) => t.text === '140/90'), 'blood pressure stays one token');
  const hpi = note.sentences.find((s) => s.text.startsWith('67 yo'))!;
  assert.ok(hpi.tokens.some((t) => t.text === 's/p' && t.norm === 's/p'));
});

test('sentences: e.g./i.e., initials, wrapped lines, inline numbered lists', () => {
  const t = 'Avoid triggers, e.g. smoke and dust. Seen by J. Smith today.\nThe patient is a 70 year old woman with a long history of\nrecurrent falls and osteoporosis.\nProblems: 1. HTN 2. DM 3. CKD';
  const note = parseNote(t);
  assertWellFormed(note);
  const texts = note.sentences.map((s) => s.text);
  assert.ok(texts.includes('Avoid triggers, e.g. smoke and dust.'), texts.join(' | '));
  assert.ok(texts.includes('Seen by J. Smith today.'));
  assert.ok(texts.includes('The patient is a 70 year old woman with a long history of\nrecurrent falls and osteoporosis.'));
  assert.ok(texts.includes('2. DM'), texts.join(' | '));
});

test('offsets are exact with CRLF, tabs, emoji, combining characters and non-Latin text', () => {
  const t = 'HPI:\r\n\tPatient 😀👍🏽 reports café-au-lait spots\u0301 and naïve pain.\r\n\r\nA/P:\r\n1.\tHTN – stable 🩺.\r\n2. 糖尿病 follow-up.';
  const note = parseNote(t);
  assertWellFormed(note);
  const s = note.sentences.find((x) => x.text.includes('café'))!;
  assert.ok(s.text.startsWith('Patient 😀'));
  const emojiTok = s.tokens.find((x) => x.text === '😀');
  assert.ok(emojiTok);
  assert.equal(emojiTok.end - emojiTok.start, 2, 'an emoji is two UTF-16 code units');
  const htn = note.abbreviations.find((a) => a.text === 'HTN')!;
  assert.equal(t.slice(htn.start, htn.end), 'HTN');
  const i = t.indexOf('HTN');
  assert.equal(htn.start, i);
});

test('bad input never throws and yields a well-formed note', () => {
  for (const input of ['', '   \n\t\r\n  ', '\u0000\u0001\u0002\u0003', '\uFFFD\uFFFD text \uFFFD', 'a'.repeat(10_000), '😀'.repeat(3000)]) {
    const note = parseNote(input);
    assertWellFormed(note);
  }
  assert.deepEqual(parseNote('').sentences, []);
  assert.deepEqual(parseNote('  \n ').sections, []);
  assert.ok(parseNote('\uFFFD bad bytes').warnings.some((w) => /UTF-8/.test(w)));
  // Binary: random bytes decoded as latin-1.
  let bin = '';
  let x = 12345;
  for (let i = 0; i < 200_000; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; bin += String.fromCharCode(x % 256); }
  const b = parseNote(bin);
  assertWellFormed(b);
  assert.ok(b.warnings.some((w) => /binary/.test(w)));
  // Not a string at all (a caller's bug) is treated as empty.
  assert.equal(parseNote(undefined as unknown as string).text, '');
});

test('very large input is capped, with a warning, and offsets stay valid', () => {
  const big = 'HPI: ' + 'fever and cough '.repeat(200_000) + '\nno newline here ' + 'x'.repeat(3_000_000);
  const note = parseNote(big);
  assert.ok(note.warnings.some((w) => /only the first/.test(w)));
  assert.ok(note.sentences.length > 0);
  for (const s of note.sentences.slice(0, 50)) assert.equal(big.slice(s.start, s.end), s.text);
  assert.ok(note.sentences.every((s) => s.end - s.start <= 1000), 'long runs are cut into bounded sentences');
});

test('contextAt uses the section role: family history and past medical history', () => {
  const note = parseNote(NOTE);
  const at = (needle: string, from = 0) => {
    const i = NOTE.indexOf(needle, from);
    return contextAt(note, i, i + needle.length);
  };
  assert.equal(at('breast cancer').experiencer, 'other');
  assert.equal(at('CKD3').temporality, 'historical');
  assert.equal(at('fever').negation, 'negated');
  assert.equal(at('DOE').negation, 'affirmed');
  assert.equal(at('ACS').negation, 'possible');
  assert.equal(at('PE', NOTE.indexOf('Cannot')).negation, 'possible');
  const dys = at('dyspnea');
  assert.equal(dys.negation, 'affirmed');
  const tr = at('fever', NOTE.indexOf('Constitutional'));
  assert.equal(tr.negation, 'negated');
  const trig = tr.triggers.find((t) => t.kind === 'negated')!;
  assert.equal(NOTE.slice(trig.start, trig.end), 'Negative for', 'trigger offsets are note offsets');
});

test('pathological structure is capped with warnings: a million one-character sentences, thousands of headers', () => {
  const dots = parseNote('. '.repeat(300_000));
  assertWellFormed(dots);
  assert.ok(dots.warnings.some((w) => /sentences/.test(w)));
  const headers = parseNote('HPI:\n'.repeat(5_000));
  assertWellFormed(headers);
  assert.ok(headers.warnings.some((w) => /headers/.test(w)));
});

test('header variants: ==== underline, bold markdown, numbered sub-items stay in their section', () => {
  const t = 'Assessment & Plan\n=================\n1. Pneumonia - continue ceftriaxone.\n**Plan:** follow up in clinic\nDISCHARGE DIAGNOSES\n1. CAP\nPHYSICAL EXAMINATION ON ADMISSION:\nLungs clear.';
  const note = parseNote(t);
  assertWellFormed(note);
  assert.deepEqual(note.sections.map((s) => s.kind), ['assessment_and_plan', 'plan', 'discharge_diagnoses', 'physical_exam']);
  assert.equal(note.sentences[0].text, '1. Pneumonia - continue ceftriaxone.');
  assert.equal(note.sections[0].role, 'diagnosis');
});

test('lab and vital lines are not headers', () => {
  const note = parseNote('LABS:\nWBC: 12.1\nNA 135.\nHGB: 10\nPlan: recheck.');
  assert.deepEqual(note.sections.map((s) => s.kind), ['labs', 'plan']);
});

test('old Mac line ends (lone CR) still separate headers and lines, with exact offsets', () => {
  const t = 'HPI:\rChest pain.\rFamily History:\rMother with lupus.';
  const note = parseNote(t);
  assertWellFormed(note);
  assert.deepEqual(note.sections.map((s) => s.kind), ['history_of_present_illness', 'family_history']);
  assert.deepEqual(note.sentences.map((s) => s.text), ['Chest pain.', 'Mother with lupus.']);
  const i = t.indexOf('lupus');
  assert.equal(contextAt(note, i, i + 5).experiencer, 'other');
});
