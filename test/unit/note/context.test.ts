import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ContextDetector, findTerm, type ContextResult, type Section, type SectionRole } from '../../../src/note';

const detector = new ContextDetector();

function ctx(sentence: string, term: string, role?: SectionRole): ContextResult {
  const span = findTerm(sentence, term);
  assert.ok(span, `term "${term}" not in "${sentence}"`);
  const section: Section | undefined = role ? { kind: role, role, start: 0, end: 0, bodyStart: 0 } : undefined;
  return detector.detect(sentence, span[0], span[1], section);
}
const neg = (s: string, t: string, role?: SectionRole) => ctx(s, t, role).negation;
const tmp = (s: string, t: string, role?: SectionRole) => ctx(s, t, role).temporality;
const exp = (s: string, t: string, role?: SectionRole) => ctx(s, t, role).experiencer;

test('defaults: a bare mention is affirmed, recent, about the patient', () => {
  const r = ctx('Acute appendicitis.', 'appendicitis');
  assert.deepEqual([r.negation, r.temporality, r.experiencer], ['affirmed', 'recent', 'patient']);
  assert.deepEqual(r.triggers, []);
});

test('pre-negation triggers', () => {
  assert.equal(neg('No fever.', 'fever'), 'negated');
  assert.equal(neg('Patient denies chest pain.', 'chest pain'), 'negated');
  assert.equal(neg('Abdomen soft without guarding.', 'guarding'), 'negated');
  assert.equal(neg('Negative for dysuria.', 'dysuria'), 'negated');
  assert.equal(neg('There is no evidence of pneumothorax.', 'pneumothorax'), 'negated');
  assert.equal(neg('She has never had a seizure.', 'seizure'), 'negated');
  assert.equal(neg('He does not have diabetes.', 'diabetes'), 'negated');
  assert.equal(neg('Free of chest pain since the stent.', 'chest pain'), 'negated');
  assert.equal(neg('He no longer has night sweats.', 'night sweats'), 'negated');
  assert.equal(neg('No acute distress.', 'acute distress'), 'negated', 'a trigger overlapping the target still counts');
  assert.equal(neg('Patient is a non-smoker.', 'smoker'), 'negated');
});

test('post-negation triggers', () => {
  assert.equal(neg('Pneumonia was ruled out.', 'pneumonia'), 'negated');
  assert.equal(neg('Acute fracture is not seen.', 'fracture'), 'negated');
  assert.equal(neg('Chest pain: denied.', 'chest pain'), 'negated');
  assert.equal(neg('Influenza A and B negative.', 'Influenza A'), 'negated');
  assert.equal(neg('Lymphadenopathy is absent.', 'lymphadenopathy'), 'negated');
  assert.equal(neg('Ultrasound was negative for appendicitis.', 'appendicitis'), 'negated');
});

test('uncertainty: rule out, concern for, cannot exclude, possible, likely, versus', () => {
  assert.equal(neg('Rule out pulmonary embolism.', 'pulmonary embolism'), 'possible');
  assert.equal(neg('r/o ACS, serial troponins.', 'ACS'), 'possible');
  assert.equal(neg('Concern for early sepsis.', 'sepsis'), 'possible');
  assert.equal(neg('Cannot exclude a small pneumothorax.', 'pneumothorax'), 'possible');
  assert.equal(neg('A small effusion cannot be excluded.', 'effusion'), 'possible');
  assert.equal(neg('Possible early appendicitis.', 'appendicitis'), 'possible');
  assert.equal(neg('Most likely a viral infection.', 'viral infection'), 'possible');
  assert.equal(neg('Pneumonia is unlikely.', 'pneumonia'), 'possible');
  assert.equal(neg('Pneumonia vs atelectasis.', 'pneumonia'), 'possible');
  assert.equal(neg('Pneumonia vs atelectasis.', 'atelectasis'), 'possible');
  assert.equal(neg('It is unclear if the patient had a seizure.', 'seizure'), 'possible');
  assert.equal(neg('PE not ruled out.', 'PE'), 'possible', '"not ruled out" is uncertainty, not negation');
});

test('"ruled out" with the target before it is negation, "rule out" before the target is uncertainty', () => {
  assert.equal(neg('MI was ruled out by serial troponins.', 'MI'), 'negated');
  assert.equal(neg('Admit to rule out MI.', 'MI'), 'possible');
});

test('pseudo-triggers do not negate', () => {
  assert.equal(neg('No increase in shortness of breath.', 'shortness of breath'), 'affirmed');
  assert.equal(neg('No change in her chronic back pain.', 'back pain'), 'affirmed');
  assert.equal(neg('Not only fever but also rash.', 'fever'), 'affirmed');
  assert.equal(neg('Blood cultures with gram negative rods.', 'rods'), 'affirmed');
  assert.equal(neg('ER negative breast cancer.', 'breast cancer'), 'affirmed');
  assert.equal(neg('No improvement in dyspnea despite nebulizers.', 'dyspnea'), 'affirmed');
  assert.equal(neg('Pain not relieved by ibuprofen.', 'pain'), 'affirmed');
  assert.equal(neg('Uncertain etiology of the anemia.', 'anemia'), 'affirmed');
});

test('scope ends at termination terms', () => {
  assert.equal(neg('No fever but has cough.', 'fever'), 'negated');
  assert.equal(neg('No fever but has cough.', 'cough'), 'affirmed');
  assert.equal(neg('Denies headache, however reports blurred vision.', 'blurred vision'), 'affirmed');
  assert.equal(neg('No complaints except for knee pain.', 'knee pain'), 'affirmed');
  assert.equal(neg('No rash; joint pain present.', 'joint pain'), 'affirmed');
  assert.equal(neg('Denies alcohol use, which is confirmed by his wife.', 'alcohol use'), 'negated');
  assert.equal(neg('No chest pain and has shortness of breath.', 'shortness of breath'), 'affirmed', 'a new clause ends the scope');
  assert.equal(neg('He reports fatigue and denies weight loss.', 'fatigue'), 'affirmed', 'post-verb negation does not reach back over a clause');
});

test('lists stay in scope', () => {
  for (const t of ['fever', 'chills', 'cough']) assert.equal(neg('Denies fever, chills, or cough.', t), 'negated', t);
  for (const t of ['murmurs', 'rubs', 'gallops']) assert.equal(neg('Regular rhythm, no murmurs, rubs, or gallops.', t), 'negated', t);
  assert.equal(neg('Negative for fever, chills, night sweats, and weight loss.', 'weight loss'), 'negated');
  assert.equal(neg('Fever, chills, and night sweats: denied.', 'fever'), 'negated');
  assert.equal(neg('Pneumonia, effusion, and pneumothorax were ruled out.', 'pneumonia'), 'negated');
});

test('a comma stops a bare post-negation from reaching an unrelated finding', () => {
  assert.equal(neg('Patient with hypertension, HIV negative.', 'hypertension'), 'affirmed');
  assert.equal(neg('Patient with hypertension, HIV negative.', 'HIV'), 'negated');
});

test('historical: history of, s/p, prior, years ago, in <year>, remission, resolved', () => {
  assert.equal(tmp('History of breast cancer, in remission.', 'breast cancer'), 'historical');
  assert.equal(tmp('Breast cancer, in remission.', 'breast cancer'), 'historical');
  assert.equal(tmp('h/o CVA with residual weakness.', 'CVA'), 'historical');
  assert.equal(tmp('S/p appendectomy.', 'appendectomy'), 'historical');
  assert.equal(tmp('Prior CABG with patent grafts.', 'CABG'), 'historical');
  assert.equal(tmp('MI 5 years ago.', 'MI'), 'historical');
  assert.equal(tmp('She had a DVT in 2015.', 'DVT'), 'historical');
  assert.equal(tmp('Her cough has resolved.', 'cough'), 'historical');
  assert.equal(tmp('Asthma as a child.', 'asthma'), 'historical');
  assert.equal(tmp('He quit smoking 15 years ago.', 'smoking'), 'historical');
});

test('"history" words that are not about the past', () => {
  assert.equal(tmp('History of present illness: abdominal pain.', 'abdominal pain'), 'recent');
  assert.equal(tmp('A 65-year-old man with pneumonia.', 'pneumonia'), 'recent', '"year old" is not "old"');
  assert.equal(tmp('Chest pain prior to arrival.', 'chest pain'), 'recent');
  assert.equal(tmp('Dyspnea for the past few days.', 'dyspnea'), 'recent');
});

test('"no history of" is a negation, not history', () => {
  const r = ctx('No history of diabetes.', 'diabetes');
  assert.equal(r.negation, 'negated');
  assert.equal(r.temporality, 'recent');
  assert.equal(tmp('Denies any history of seizures.', 'seizures'), 'recent');
});

test('history then a present-day cue: the nearer cue wins', () => {
  const s = 'History of asthma, now presents with acute exacerbation.';
  assert.equal(tmp(s, 'asthma'), 'historical');
  assert.equal(tmp(s, 'exacerbation'), 'recent');
});

test('hypothetical triggers', () => {
  assert.equal(tmp('Return to the ED if chest pain recurs.', 'chest pain'), 'hypothetical');
  assert.equal(tmp('Return if you develop fever or worsening abdominal pain.', 'abdominal pain'), 'hypothetical');
  assert.equal(tmp('Call if the swelling gets worse.', 'swelling'), 'hypothetical');
  assert.equal(tmp('Acetaminophen as needed for headache.', 'headache'), 'hypothetical');
  assert.equal(tmp('Heparin for DVT prophylaxis.', 'DVT'), 'hypothetical');
  assert.equal(tmp('At increased risk for osteoporosis.', 'osteoporosis'), 'hypothetical');
  assert.equal(tmp('Screening colonoscopy for colon cancer.', 'colon cancer'), 'hypothetical');
  assert.equal(tmp('Should hypoglycemia occur, take glucose tablets.', 'hypoglycemia'), 'hypothetical');
  assert.equal(tmp('Influenza vaccine given.', 'influenza'), 'hypothetical');
  assert.equal(tmp('HIV screen negative.', 'HIV'), 'recent', 'a screening *test* result is not hypothetical');
});

test('experiencer: family members forward and backward', () => {
  assert.equal(exp('Mother has type 2 diabetes.', 'diabetes'), 'other');
  assert.equal(exp('Colon cancer in his father.', 'colon cancer'), 'other');
  assert.equal(exp('Breast cancer (maternal aunt).', 'breast cancer'), 'other');
  assert.equal(exp('Diabetes - father.', 'diabetes'), 'other');
  assert.equal(exp('Family history of premature CAD.', 'CAD'), 'other');
  assert.equal(exp("Patient's sister has lupus.", 'lupus'), 'other');
  assert.equal(exp('Her husband has COVID-19 and she is now febrile.', 'COVID-19'), 'other');
  assert.equal(exp('Her husband has COVID-19 and she is now febrile.', 'febrile'), 'patient');
  assert.equal(exp('Patient has hypertension, mother has diabetes.', 'hypertension'), 'patient');
  assert.equal(exp('Patient has hypertension, mother has diabetes.', 'diabetes'), 'other');
  assert.equal(exp('Exposure to a coworker with pertussis.', 'pertussis'), 'other');
});

test('experiencer: a relative who reports is not the experiencer', () => {
  assert.equal(exp('Wife reports he has been confused.', 'confused'), 'patient');
  assert.equal(exp('Per his wife, he has been increasingly confused.', 'confused'), 'patient');
  assert.equal(exp('His daughter states he fell at home.', 'fell'), 'patient');
  assert.equal(exp('Accompanied by his wife, who states he has been short of breath.', 'short of breath'), 'patient');
  const r = ctx('Mother denies that the child has had any fever.', 'fever');
  assert.equal(r.experiencer, 'patient');
  assert.equal(r.negation, 'negated');
});

test('no family history of: negated and other', () => {
  const r = ctx('No family history of sudden cardiac death.', 'sudden cardiac death');
  assert.equal(r.negation, 'negated');
  assert.equal(r.experiencer, 'other');
});

test('section defaults: family history, past medical history, and explicit cues over defaults', () => {
  assert.equal(exp('Colon cancer.', 'colon cancer', 'family'), 'other');
  assert.equal(ctx('Colon cancer.', 'colon cancer', 'family').triggers[0].kind, 'section:family');
  assert.equal(tmp('Hypertension.', 'hypertension', 'history'), 'historical');
  assert.equal(tmp('Hypertension, currently uncontrolled.', 'uncontrolled', 'history'), 'recent');
  assert.equal(exp('Hypertension.', 'hypertension', 'diagnosis'), 'patient');
  assert.equal(tmp('Hypertension.', 'hypertension', 'diagnosis'), 'recent');
  // Header lead-ins inside the sentence behave like sections.
  assert.equal(exp('FH: mother with HTN; father with DM.', 'DM'), 'other');
  assert.equal(tmp('PMH: HTN; DM; CAD.', 'CAD'), 'historical');
});

test('ROS negatives are negations', () => {
  assert.equal(neg('Respiratory: Negative for cough or wheezing.', 'wheezing', 'ros'), 'negated');
  assert.equal(neg('GI: No nausea, vomiting. Positive for constipation.', 'constipation', 'ros'), 'affirmed');
  assert.equal(neg('Constitutional: fever and chills.', 'chills', 'ros'), 'affirmed');
});

test('triggers report the deciding words with sentence offsets', () => {
  const s = 'Patient denies chest pain.';
  const r = ctx(s, 'chest pain');
  const t = r.triggers.find((x) => x.kind === 'negated');
  assert.ok(t);
  assert.equal(s.slice(t.start, t.end), 'denies');
});

test('SentenceContext answers several spans of one sentence consistently with detect()', () => {
  const s = 'No fever, but history of asthma and mother with lupus.';
  const c = detector.analyze(s);
  for (const term of ['fever', 'asthma', 'lupus']) {
    const i = s.indexOf(term);
    assert.deepEqual(c.at(i, i + term.length), detector.detect(s, i, i + term.length));
  }
  assert.equal(neg(s, 'fever'), 'negated');
  assert.equal(tmp(s, 'asthma'), 'historical');
  assert.equal(exp(s, 'lupus'), 'other');
});

test('robust to odd input: empty sentence, spans out of range, very long sentence', () => {
  assert.equal(detector.detect('', 0, 0).negation, 'affirmed');
  assert.equal(detector.detect('No fever.', 50, 60).negation, 'affirmed');
  assert.equal(detector.detect('No fever.', -5, 2).experiencer, 'patient');
  const long = 'No fever. '.repeat(50_000) + 'cough';
  const r = detector.detect(long, long.length - 5, long.length);
  assert.equal(typeof r.negation, 'string');
});

test('ROS shorthand: (-)/(+) markers, "Fever: no.", positives end a negation', () => {
  assert.equal(neg('(-) fever, (+) cough.', 'fever'), 'negated');
  assert.equal(neg('(-) fever, (+) cough.', 'cough'), 'affirmed');
  assert.equal(neg('fever (-), cough (+)', 'fever'), 'negated');
  assert.equal(neg('fever (-), cough (+)', 'cough'), 'affirmed');
  assert.equal(neg('Fever: no. Chills: yes.', 'fever'), 'negated');
  assert.equal(neg('Fever: no. Chills: yes.', 'chills'), 'affirmed');
  assert.equal(neg('ROS negative except for fatigue.', 'fatigue'), 'affirmed');
  assert.equal(neg('Negative for fever, positive for cough.', 'cough'), 'affirmed');
});

test('negation carries through "to suggest"/"suspicious for"; a later negative verdict beats a suspicion', () => {
  assert.equal(neg('No focal consolidation to suggest pneumonia.', 'pneumonia'), 'negated');
  assert.equal(neg('No findings suspicious for malignancy.', 'malignancy'), 'negated');
  assert.equal(neg('Suspected gallstones were not seen on ultrasound.', 'gallstones'), 'negated');
  assert.equal(neg('Findings suggest pneumonia.', 'pneumonia'), 'possible');
});

test('weeks ago: up to two weeks is recent, longer is history', () => {
  assert.equal(tmp('Fever 2 weeks ago.', 'fever'), 'recent');
  assert.equal(tmp('Pneumonia 6 weeks ago.', 'pneumonia'), 'historical');
  assert.equal(tmp('Chest pain 3 days ago.', 'chest pain'), 'recent');
});

test('relatives: pronouns inside their clause, comparisons, past tense', () => {
  assert.equal(exp('His father had a stroke when he was 60.', 'stroke'), 'other');
  assert.equal(exp('He has asthma like his father.', 'asthma'), 'patient');
  assert.equal(tmp('Grandmother had Alzheimer disease.', 'Alzheimer disease'), 'historical');
  assert.equal(tmp('Her roommate has had similar diarrhea.', 'diarrhea'), 'recent', '"has had" is not past tense');
  assert.equal(exp('Her ex-husband had HIV.', 'HIV'), 'other');
});

test('contractions: doesn\'t / didn\'t / can\'t / hasn\'t are negations like their long forms', () => {
  assert.equal(neg("Patient doesn't report any nausea.", 'nausea'), 'negated');
  assert.equal(neg("She didn't have a fever.", 'fever'), 'negated');
  assert.equal(neg("We can't rule out PE.", 'PE'), 'possible');
  assert.equal(neg("He hasn't had chest pain since Monday.", 'chest pain'), 'negated');
  assert.equal(neg('She has never been told she has diabetes.', 'diabetes'), 'negated');
  const s = "He doesn't smoke.";
  const r = detector.detect(s, s.indexOf('smoke'), s.indexOf('smoke') + 5);
  const t = r.triggers.find((x) => x.kind === 'negated')!;
  assert.equal(s.slice(t.start, t.end), "n't", 'trigger offsets still point into the sentence');
});

test('doubt about a cause leaves the condition affirmed; "no one else" is negated and other', () => {
  assert.equal(neg('Unclear whether the rash is related to the new medication.', 'rash'), 'affirmed');
  assert.equal(neg('Unclear whether she has a rash.', 'rash'), 'possible');
  const r = ctx('No one else at home is sick.', 'sick');
  assert.equal(r.negation, 'negated');
  assert.equal(r.experiencer, 'other');
  assert.equal(neg('Lymphoma is in the differential.', 'lymphoma'), 'possible');
});

test('case-report phrasing: a test that ruled something out, a new clause after a negated history', () => {
  assert.equal(neg('The abdominal ultrasound ruled out cholelithiasis.', 'cholelithiasis'), 'negated');
  assert.equal(neg('The ultrasound ruled out cholelithiasis and showed a dilated duct.', 'dilated duct'), 'affirmed');
  assert.equal(neg('A woman with no relevant history consulted for abdominal pain.', 'abdominal pain'), 'affirmed');
  assert.equal(neg('Serologies for hepatitis B and HIV were negative.', 'hepatitis B'), 'negated');
});

test('exposure, "possible that", "not without", "no documented history of"', () => {
  assert.equal(exp('The child was exposed to measles at daycare.', 'measles'), 'other');
  assert.equal(neg('It is possible that she has endometriosis.', 'endometriosis'), 'possible');
  assert.equal(neg('Patient is not without risk of bleeding.', 'bleeding'), 'affirmed');
  const r = ctx('No documented history of penicillin allergy.', 'penicillin allergy');
  assert.deepEqual([r.negation, r.temporality], ['negated', 'recent']);
});

test('a hedge before a noun phrase reaches forward past its subject; counselling in general is hypothetical; "since his" is behind the visit', () => {
  assert.equal(neg('His symptoms are likely a mild heart attack.', 'heart attack'), 'possible');
  assert.equal(neg('The rash is most likely from contact dermatitis.', 'contact dermatitis'), 'possible');
  assert.equal(neg('Anemia is likely.', 'Anemia'), 'possible');
  assert.equal(tmp('We discussed that studies link high cholesterol to premature heart attacks.', 'heart attacks'), 'hypothetical');
  assert.equal(tmp('He has had a hard time adjusting since having his heart attack.', 'heart attack'), 'historical');
  assert.equal(tmp('Mood has been low ever since her stroke.', 'stroke'), 'historical');
  assert.equal(tmp('Essential hypertension, continue lisinopril.', 'hypertension'), 'recent');
});

test('the guidelines\' uncertain terms "consistent with" and "compatible with" are uncertain', () => {
  assert.equal(neg('Rash, consistent with contact dermatitis.', 'contact dermatitis'), 'possible');
  assert.equal(neg('Imaging findings compatible with pneumonia.', 'pneumonia'), 'possible');
  assert.equal(neg('Rash, consistent with contact dermatitis.', 'Rash'), 'affirmed');
  assert.equal(neg('No infiltrate consistent with pneumonia.', 'pneumonia'), 'negated');
});

test('a negation ends where what the patient has begins: "with a history of", and a cue that starts with a terminator', () => {
  const s = 'A 60-year-old man, without known allergies, with a history of dyslipidemia and hypertension, presented with chest pain.';
  assert.equal(neg(s, 'allergies'), 'negated');
  assert.deepEqual([neg(s, 'dyslipidemia'), tmp(s, 'dyslipidemia')], ['affirmed', 'historical']);
  assert.equal(neg(s, 'hypertension'), 'affirmed');
  assert.equal(neg('Without fever, he presented with chest pain.', 'chest pain'), 'affirmed');
  assert.equal(neg('No fever and a history of asthma.', 'asthma'), 'affirmed');
  assert.equal(neg('No fever and no history of asthma.', 'asthma'), 'negated');
  assert.equal(neg('Denies chest pain and history of MI.', 'MI'), 'negated');
});
