import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { abbreviationCount, expandAbbreviations, lookupAbbreviation, parseNote } from '../../../src/note';

const find = (text: string, abbr: string) => expandAbbreviations(text).find((m) => m.text === abbr);

test('the curated dictionary holds at least 400 abbreviations', () => {
  assert.ok(abbreviationCount() >= 400, `only ${abbreviationCount()}`);
});

test('common clinical abbreviations expand', () => {
  const expected: Record<string, string> = {
    HTN: 'hypertension', DM2: 'type 2 diabetes mellitus', T2DM: 'type 2 diabetes mellitus', CKD3: 'chronic kidney disease, stage 3',
    CHF: 'congestive heart failure', HFrEF: 'heart failure with reduced ejection fraction', COPD: 'chronic obstructive pulmonary disease',
    AFib: 'atrial fibrillation', CAD: 'coronary artery disease', CVA: 'cerebrovascular accident (stroke)', TIA: 'transient ischemic attack',
    UTI: 'urinary tract infection', GERD: 'gastroesophageal reflux disease', OSA: 'obstructive sleep apnea', 's/p': 'status post',
    'h/o': 'history of', 'c/o': 'complains of', SOB: 'shortness of breath', DOE: 'dyspnea on exertion', BPH: 'benign prostatic hyperplasia',
    ESRD: 'end-stage renal disease',
  };
  for (const [abbr, expansion] of Object.entries(expected)) {
    const hit = lookupAbbreviation(abbr);
    assert.ok(hit, abbr);
    assert.ok(hit.expansions.includes(expansion), `${abbr}: ${hit.expansions.join(' / ')}`);
  }
  const m = find('Pt with HTN and T2DM, s/p CABG.', 's/p')!;
  assert.equal(m.expansion, 'status post');
  assert.equal(m.ambiguous, false);
});

test('ambiguous abbreviations are resolved by context cues', () => {
  assert.equal(find('MS relapse, on ocrelizumab.', 'MS')!.expansion, 'multiple sclerosis');
  assert.equal(find('Severe MS on echo with diastolic murmur.', 'MS')!.expansion, 'mitral stenosis');
  assert.equal(find('Altered MS since this morning, confused.', 'MS')!.expansion, 'mental status');
  assert.equal(find('CTA chest to rule out PE given tachycardia.', 'PE')!.expansion, 'pulmonary embolism');
  assert.equal(find('SpO2 95% on RA.', 'RA')!.expansion, 'room air');
  assert.equal(find('RA on methotrexate with joint swelling.', 'RA')!.expansion, 'rheumatoid arthritis');
  const ms = find('MS relapse, on ocrelizumab.', 'MS')!;
  assert.equal(ms.ambiguous, false);
  assert.ok(ms.resolvedBy);
  assert.ok(ms.alternatives!.includes('mitral stenosis'));
});

test('ambiguous abbreviations without cues are flagged, never silently guessed', () => {
  const m = find('MS.', 'MS')!;
  assert.equal(m.ambiguous, true);
  assert.equal(m.resolvedBy, undefined);
  assert.ok(m.alternatives && m.alternatives.length >= 2);
});

test('English words are not taken for abbreviations in lower case', () => {
  const found = expandAbbreviations('He was as well as all of us; pad the bed.').map((m) => m.text);
  assert.deepEqual(found, []);
  assert.equal(find('Severe AS with gradient 45.', 'AS')!.expansion, 'aortic stenosis');
  assert.ok(find('pt has htn and copd', 'htn'));
});

test('parseNote uses the section role to settle abbreviations', () => {
  const note = parseNote('PE:\nGeneral: NAD. Lungs clear.');
  // "PE:" is the physical exam header here.
  assert.equal(note.sections[0].kind, 'physical_exam');
  const note2 = parseNote('Assessment:\nSubmassive PE, started heparin.');
  assert.equal(note2.abbreviations.find((a) => a.text === 'PE')!.expansion, 'pulmonary embolism');
});
