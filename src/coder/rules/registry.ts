// Every coding rule the engine applies, with the guideline it implements and examples that pin its behaviour
// (`clinical-coder rules --check` and the unit tests code every example). Order within a phase is the order here.
import type { CodingRule } from './rule';
import { floorWrittenIndexTerms, floorWrittenTitles } from './title-floor';
import { addManifestations } from './manifestations';
import { alignExternalCauses, seventhCharacter } from './encounter';
import { recodes } from './rule-mention';
import { applyLaterality } from './laterality';
import { applyAcuity } from './acuity';
import { lungCancerLobe } from './lung-lobe';
import { dropLightSubstanceUse } from './social-use';
import { explainedGuesses, guessedHeaderDefaults, partReadings, weakerReadings } from './billing-filters';
import { addHistoryCodes } from './history-status';
import { diabetesWithDocumentedHyperglycemia, diabetesWithHyperglycemia } from './diabetes-hyperglycemia';
import { applyCombinationCodes, combinationsOf, copdWithInfection, dementiaInOtherDiseases, dropUncomplicatedDiabetes } from './combination';
import { addLongTermDrugCodes } from './long-term-drugs';
import { addCurrentTobacco, addTobaccoHistory } from './tobacco';
import { addStatusCodes } from './status-codes';
import { applyPregnancyRules } from './pregnancy';
import { addPreventiveEncounters } from './preventive-encounter';
import { strokeSequelae } from './stroke-sequelae';
import { addReceptorStatus } from './receptor-status';
import { breastCancerQuadrant } from './breast-quadrant';
import { asymptomaticHiv } from './hiv-status';
import { excisedCancerHistory } from './excised-cancer';
import { applySepsisOrganism } from './sepsis-organism';
import { addBmiCode } from './bmi';
import { addAllergyStatus } from './allergy-status';
import { addDrugEvents } from './drug-poisoning';
import { preferAcuteOnChronic, preferSpecific } from './specificity';
import { setAsideUnassessedFindings } from './unassessed-findings';
import { setAsideIntegralSymptoms } from './integral-symptoms';
import { resolveExcludes1 } from './excludes1';
import { unaddressedHistory } from './unaddressed-history';
import { hasVisitSections } from '../visit-features';
import { externalCausesSetAside } from './external-causes-optional';
import { symptomsOfUncertainDiagnoses } from './outpatient-uncertain-symptoms';
import { dorsalgiaWithItsCause, unaddressedSymptoms, unspecifiedSiteCodes } from './visit-focus';
import { alternativesFor, codingNotes } from './annotations';

const BOTH = ['billing', 'mentions'] as const;
const BILLING = ['billing'] as const;
const drop = (targets: readonly import('./types').RuledCandidate[]) => targets.map((target) => ({ op: 'drop' as const, target }));

export const CODING_RULES: readonly CodingRule[] = [
  {
    id: 'written-title', title: 'A code title written out in full is floored at confidence 0.6', guideline: 'Tabular List: code title',
    policies: BILLING, phase: 'read', edits: (_ctx, cs) => floorWrittenTitles(cs),
    examples: [{ note: 'ASSESSMENT:\n1. Closed fracture of left distal radius.\n2. Primary osteoarthritis, right knee.\n3. Presence of left artificial knee joint.', expect: ['Z96.652'] }],
  },
  {
    id: 'written-index-term', title: 'An index term of two or more words written out, or a one-word diagnosis that is a whole assessment item, is floored at confidence 0.5', guideline: 'Alphabetic Index: main term and subterms',
    policies: BILLING, phase: 'read', edits: (ctx, cs) => floorWrittenIndexTerms(cs, ctx.text),
    examples: [{ note: 'Assessment: low back strain.', expect: ['S39.012A'] }, { note: 'Assessment: no low back strain.', forbid: ['S39.012A'] },
      { note: 'ASSESSMENT AND PLAN:\n1. Hydronephrosis.', expect: ['N13.30'] }],
  },
  {
    id: 'manifestation-codes', title: 'Index-paired manifestation codes stand with their etiology', guideline: 'OCG I.A.13 (etiology/manifestation convention)',
    policies: BOTH, phase: 'read', transform: (ctx, cs) => addManifestations(ctx.kb, cs),
    examples: [{ note: 'Assessment: amyloid heart disease.', expect: ['E85.4', 'I43'] }],
  },
  {
    id: 'injury-encounter', title: "An injury code's 7th character follows the documented encounter", guideline: 'OCG I.C.19.a (7th characters)',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => recodes(cs, (c) => seventhCharacter(ctx.kb, c, ctx.text)),
    examples: [{ note: 'Follow-up visit for displaced intertrochanteric fracture of the right femur.', expect: ['S72.141D'], forbid: ['S72.141A'] }],
  },
  {
    id: 'external-cause-encounter', title: 'External causes take the encounter of the injury they explain', guideline: 'OCG I.C.20.a',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => alignExternalCauses(ctx.kb, cs),
    examples: [{ note: 'Follow-up visit. Assessment: displaced intertrochanteric fracture of the right femur after a fall at home, subsequent encounter for routine healing.',
      expect: ['S72.141D', 'W19.XXXD'], forbid: ['W19.XXXA'], without: ['external-causes-optional'] }],
  },
  {
    id: 'laterality', title: 'The side written with a condition picks the right, left or bilateral code', guideline: 'OCG I.B.13 (laterality)',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => applyLaterality(ctx.kb, cs, ctx.text),
    examples: [{ note: 'Assessment: primary osteoarthritis, right knee.', expect: ['M17.11'], forbid: ['M17.10'] },
      { note: 'Assessment: osteoarthritis of the left hip.', expect: ['M16.12'], forbid: ['M16.9', 'M16.10'] },
      { note: 'Assessment: cellulitis of the left lower leg.', expect: ['L03.116'], forbid: ['L03.119'] },
      { note: 'Assessment: abscess of the right axilla.', expect: ['L02.411'], forbid: ['L02.419'] },
      { note: 'Assessment: bilateral knee pain, worse with stairs.', expect: ['M25.561', 'M25.562'], forbid: ['M25.569'] }],
  },
  {
    id: 'acuity', title: 'Acute, chronic or acute on chronic written with a condition picks that sibling of an unspecified code', guideline: 'OCG I.B.2 (code to the highest specificity); I.B.8 (acute and chronic)',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => applyAcuity(ctx.kb, cs, ctx.text),
    examples: [{ note: 'Assessment: chronic heart failure with reduced ejection fraction.', expect: ['I50.22'], forbid: ['I50.20'] },
      { note: 'Assessment: chronic HFpEF, euvolemic.', expect: ['I50.32'], forbid: ['I50.30'] }],
  },
  {
    id: 'lung-lobe', title: "Lung cancer takes the lobe and side its problem's paragraph writes", guideline: 'OCG I.B.2; Tabular C34',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => lungCancerLobe(ctx.kb, cs, ctx.text),
    examples: [{ note: 'ASSESSMENT AND PLAN:\nNon-small cell lung cancer, stage IIIA.\nCT showed a 3.1 cm mass in the left upper lobe.', expect: ['C34.12'], forbid: ['C34.90'] },
      { note: 'ASSESSMENT AND PLAN:\nNon-small cell lung cancer.\nMasses in the right upper lobe and the left lower lobe.', forbid: ['C34.11', 'C34.32'] }],
  },
  {
    id: 'excised-cancer-history', title: 'A cancer excised, with no evidence of disease and no treatment now, is a personal history', guideline: 'OCG I.C.2.d (primary malignancy previously excised or eradicated)',
    policies: BILLING, phase: 'read', edits: (ctx, cs) => excisedCancerHistory(cs, ctx.text),
    examples: [{ note: 'Assessment: prostate cancer s/p radical prostatectomy 2018, PSA undetectable.', expect: ['Z85.46'], forbid: ['C61'] },
      { note: 'Assessment: breast cancer s/p lumpectomy, no evidence of disease, currently on adjuvant radiation.', forbid: ['Z85.3'] },
      { note: 'Assessment: prostate cancer, PSA rising after prostatectomy.', expect: ['C61'], forbid: ['Z85.46'] }],
  },
  {
    id: 'asymptomatic-hiv', title: 'HIV positive without symptoms or a related illness is Z21, not B20', guideline: 'OCG I.C.1.a.2.d (asymptomatic HIV infection status)',
    policies: BILLING, phase: 'read', edits: (ctx, cs) => asymptomaticHiv(cs, ctx.text),
    examples: [{ note: 'Assessment: HIV positive, asymptomatic, no prior AIDS-defining illness; on ART.', expect: ['Z21'], forbid: ['B20'] },
      { note: 'Assessment: HIV disease, on ART, viral load undetectable.', expect: ['B20'], forbid: ['Z21'] }],
  },
  {
    id: 'breast-quadrant', title: "Breast cancer takes the quadrant its problem's paragraph writes", guideline: 'OCG I.B.2; Tabular C50',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => breastCancerQuadrant(ctx.kb, cs, ctx.text),
    examples: [{ note: 'ASSESSMENT AND PLAN:\nLeft breast cancer, upper outer quadrant, ER positive, on tamoxifen.', expect: ['C50.412'], forbid: ['C50.912'] },
      { note: 'ASSESSMENT AND PLAN:\nRight breast cancer. Biopsies of the upper outer quadrant and the lower inner quadrant.', forbid: ['C50.411', 'C50.311'] }],
  },
  {
    id: 'light-substance-use', title: 'Social or occasional alcohol and drug use is not a disorder', guideline: 'OCG I.C.5.b.3',
    policies: BOTH, phase: 'read', edits: (ctx, cs) => dropLightSubstanceUse(cs, ctx.text),
    examples: [{ note: 'Social history: drinks alcohol socially, a glass of wine on weekends.', forbid: ['F10.90', 'F10.10'] },
      { note: 'Assessment: social alcohol use, one or two drinks on weekends.', forbid: ['F10.90', 'F10.10'] }],
  },
  {
    id: 'allergy-list-not-condition', title: 'Reactions in an allergy list are not conditions of this encounter', guideline: 'OCG IV.J (code conditions that affect care)',
    policies: BILLING, phase: 'filter', edits: (_ctx, cs) => drop(cs.filter((c) => c.mentions.every((m) => m.role === 'allergies'))),
    examples: [{ note: 'ALLERGIES:\nPenicillin (hives). Sulfa (rash).\n\nASSESSMENT:\nEssential hypertension.', expect: ['I10', 'Z88.0'], forbid: ['R21', 'L50.9'] }],
  },
  {
    id: 'explained-guesses', title: 'A learned or encoder guess on words the lexicon already coded is dropped', guideline: 'Coding practice: code the documented words',
    policies: BILLING, phase: 'filter', edits: (_ctx, cs) => drop(explainedGuesses(cs)),
    examples: [{ note: 'Assessment: essential hypertension.', expect: ['I10'] }],
  },
  {
    id: 'guessed-header-default', title: "A header's title read as a default child yields to the code the index gives the same words", guideline: 'OCG I.A.1, I.B.1 (look the term up in the index, verify in the tabular)',
    policies: BOTH, phase: 'filter', edits: (ctx, cs) => drop(guessedHeaderDefaults(ctx.kb, cs)),
    examples: [{ note: 'Assessment: seborrheic keratosis.', expect: ['L82.1'], forbid: ['L82.0'] },
      { note: 'Assessment: varicose veins of the left lower extremity.', expect: ['I83.92'], forbid: ['I83.009'] },
      { note: 'Assessment: contusion of the right knee.', expect: ['S80.01XA'], forbid: ['S80.00XA'] }],
  },
  {
    id: 'weaker-readings', title: 'The same words read two ways keep the reading of the longer match', guideline: 'Coding practice: code the documented words',
    policies: BILLING, phase: 'filter', edits: (_ctx, cs) => drop(weakerReadings(cs)),
    examples: [{ note: 'Assessment: CAD, stable.', expect: ['I25.10'], forbid: ['I77.9'] }],
  },
  {
    id: 'history-z-codes', title: "A past condition is its personal history Z code, a relative's its family history Z code", guideline: 'OCG I.C.21.c.4 (history codes)',
    policies: BILLING, phase: 'add', transform: (ctx, cs) => addHistoryCodes(ctx.kb, cs),
    examples: [
      { note: 'Past medical history: history of colon cancer, status post hemicolectomy, no recurrence.', expect: ['Z85.038'], forbid: ['Z85.048'] },
      { note: 'Past medical history: history of colon polyps.', expect: ['Z86.0100'] },
      { note: 'Family history: father with colon polyps.', expect: ['Z83.719'] },
      { note: 'Family history: mother with chronic kidney disease.', expect: ['Z84.19'] },
      { note: 'Past medical history: prior pulmonary embolism in 2019.', expect: ['Z86.711'] },
    ],
  },
  {
    id: 'diabetes-hyperglycemia', title: 'Poorly controlled or uncontrolled diabetes is diabetes with hyperglycemia', guideline: 'Index: Diabetes, poorly controlled',
    policies: BOTH, phase: 'add', edits: (ctx, cs) => diabetesWithHyperglycemia(ctx.kb, cs, ctx.text),
    examples: [
      { note: 'Assessment: type 2 diabetes mellitus, poorly controlled, A1c 10.2%.', expect: ['E11.65'], forbid: ['E11.9'] },
      { note: 'Assessment: uncontrolled type 2 diabetes mellitus.', expect: ['E11.65'] },
      { note: 'Assessment: type 2 diabetes mellitus, uncontrolled, with recurrent hypoglycemia.', forbid: ['E11.65'] },
      { note: 'Assessment: type 2 diabetes mellitus, well controlled on metformin.', expect: ['E11.9'], forbid: ['E11.65'] },
    ],
  },
  {
    id: 'diabetes-documented-hyperglycemia', title: 'Diabetes whose assessment documents high blood sugar is diabetes with hyperglycemia', guideline: 'Index: Diabetes, with, hyperglycemia',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => diabetesWithDocumentedHyperglycemia(ctx.kb, cs, ctx.text),
    examples: [{ note: 'ASSESSMENT AND PLAN:\n1. Type 2 diabetes. Her glucose levels have been running high on home monitoring. Increase metformin.', expect: ['E11.65'], forbid: ['E11.9'] },
      { note: 'ASSESSMENT AND PLAN:\n1. Type 2 diabetes. Glucose levels are not elevated; continue metformin.', expect: ['E11.9'], forbid: ['E11.65'] }],
  },
  {
    id: 'diabetes-combinations', title: 'Diabetes and a linked complication are one combination code', guideline: "OCG I.C.4.a ('with' convention)",
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('diabetes-combinations')),
    examples: [{ note: 'Type 2 diabetes mellitus.\nChronic kidney disease stage 3a.', expect: ['E11.22', 'N18.31'], forbid: ['E11.9'] }],
  },
  {
    id: 'hypertension-combinations', title: 'Hypertension with heart failure or CKD is one combination code', guideline: 'OCG I.C.9.a (hypertension)',
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('hypertension-combinations')),
    examples: [{ note: 'Assessment: essential hypertension. Chronic kidney disease stage 4.', expect: ['I12.9', 'N18.4'], forbid: ['I10'] }],
  },
  {
    id: 'coronary-disease-with-angina', title: 'Coronary artery disease with angina is one combination code (I25.11-)', guideline: 'OCG I.C.9.b (atherosclerotic coronary artery disease and angina)',
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('coronary-disease-with-angina')),
    examples: [{ note: 'Assessment: CAD with stable angina.', expect: ['I25.118'], forbid: ['I25.10', 'I20.89', 'I20.81'] },
      { note: 'Assessment: coronary artery disease with unstable angina.', expect: ['I25.110'], forbid: ['I20.0'] }],
  },
  {
    id: 'stroke-sequelae', title: 'A deficit that remains after a past stroke is its I69.3- sequela code', guideline: 'OCG I.C.9.d (sequelae of cerebrovascular disease)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => strokeSequelae(ctx.kb, cs, ctx.text),
    examples: [{ note: 'Assessment: old stroke with residual right hemiparesis, right-handed.', expect: ['I69.351'], forbid: ['Z86.73', 'G81.91', 'I63.9'] },
      { note: 'Assessment: right hemiparesis following cerebral infarction.', expect: ['I69.351'], forbid: ['I63.9', 'G81.91'] },
      { note: 'Assessment: acute ischemic stroke of the left MCA territory with right hemiparesis.', forbid: ['I69.351'] }],
  },
  {
    id: 'disc-with-radiculopathy', title: 'A lumbar or thoracic disc disorder with radiculopathy of the same region is one code (M51.1-)', guideline: "Index: Displacement, intervertebral disc, with radiculopathy ('with' convention)",
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('disc-with-radiculopathy')),
    examples: [{ note: 'Assessment: L5 radiculopathy due to L4-L5 disc herniation.', expect: ['M51.16'], forbid: ['M54.16', 'M51.26', 'K45.8'] }],
  },
  {
    id: 'calculus-with-hydronephrosis', title: 'A urinary stone with hydronephrosis is N13.2', guideline: 'Tabular N20 Excludes1 (calculus with hydronephrosis N13.2); Index: Hydronephrosis, with, obstruction, renal calculus',
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('calculus-with-hydronephrosis')),
    examples: [{ note: 'Assessment: left kidney stone with hydronephrosis.', expect: ['N13.2'], forbid: ['N20.0', 'N13.30'] }, { note: 'Assessment: left kidney stone, no hydronephrosis.', expect: ['N20.0'], forbid: ['N13.2'] }],
  },
  {
    id: 'prostate-with-luts', title: 'Benign prostatic hyperplasia with a lower urinary tract symptom is N40.1, with the symptom', guideline: "Index: Hyperplasia, prostate, with lower urinary tract symptoms ('with' convention); Tabular N40.1",
    policies: BILLING, phase: 'add', transform: (ctx, cs) => applyCombinationCodes(ctx.kb, cs, combinationsOf('prostate-with-luts')),
    examples: [{ note: 'Assessment: BPH with nocturia.', expect: ['N40.1', 'R35.1'], forbid: ['N40.0'] }, { note: 'Assessment: BPH, asymptomatic.', expect: ['N40.0'], forbid: ['N40.1'] }],
  },
  {
    id: 'diabetes-without-complications', title: '"Without complications" gives way to a diabetes code with a complication', guideline: 'Tabular E11.9 (without complications)',
    policies: BILLING, phase: 'add', transform: (_ctx, cs) => dropUncomplicatedDiabetes(cs),
    examples: [{ note: 'Type 2 diabetes mellitus.\nType 2 diabetes mellitus with diabetic nephropathy, stable.', expect: ['E11.21'], forbid: ['E11.9'] }],
  },
  {
    id: 'dementia-in-other-diseases', title: 'Dementia in a disease classified elsewhere is F02, with the disease', guideline: 'Index: Dementia, in (due to) [F02.8-]',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => dementiaInOtherDiseases(ctx.kb, cs),
    examples: [{ note: 'Assessment: Parkinson disease. Dementia, unspecified severity.', expect: ['G20.A1', 'F02.80'], forbid: ['F03.90'] }],
  },
  {
    id: 'copd-with-infection', title: 'COPD with an acute lower respiratory infection is J44.0, with the infection', guideline: 'Tabular J44.0 (use additional code for the infection)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => copdWithInfection(ctx.kb, cs),
    examples: [{ note: 'Assessment: COPD. Community-acquired pneumonia of the right lower lobe.', expect: ['J44.0'], forbid: ['J44.9'] }],
  },
  {
    id: 'long-term-drug-therapy', title: 'A drug the patient takes routinely is its Z79 long-term use code', guideline: 'OCG I.C.21.c.3 (Z79)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addLongTermDrugCodes(ctx.kb, cs, ctx.view),
    examples: [
      { note: 'Assessment: rheumatoid arthritis. Plan: continue methotrexate 15 mg weekly and Celebrex 200 mg daily.', expect: ['Z79.631'], forbid: ['Z79.1'] },
      { note: 'Assessment: asthma exacerbation. Plan: prednisone taper over five days.', forbid: ['Z79.52'] },
      { note: 'Medications: apixaban 5 mg twice daily.\nAssessment: persistent atrial fibrillation.', expect: ['Z79.01'] },
      { note: 'Assessment: acute STEMI. Plan: aspirin 325 mg now.', forbid: ['Z79.82'] },
    ],
  },
  {
    id: 'current-tobacco', title: 'A current smoker gets the nicotine dependence code, not tobacco use', guideline: 'OCG I.C.5.b.1; Tabular F17',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addCurrentTobacco(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Assessment: tobacco use. Current smoker, one pack per day.', expect: ['F17.210'], forbid: ['Z72.0'] }],
  },
  {
    id: 'tobacco-history', title: 'A former smoker gets the personal history of nicotine dependence', guideline: 'Index: History, personal, nicotine dependence (Z87.891)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addTobaccoHistory(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Social history: former smoker, quit 10 years ago.', expect: ['Z87.891'] },
      { note: 'Social history: quit smoking in 2010, 20 pack-years.', expect: ['Z87.891'] }],
  },
  {
    id: 'device-status', title: 'A device, graft, replaced joint or transplant the patient has is its status code', guideline: 'OCG I.C.21.c.3 (status codes)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addStatusCodes(ctx.kb, cs, ctx.view),
    examples: [
      { note: 'History: coronary artery disease, s/p CABG 2016. Has a pacemaker.', expect: ['Z95.1', 'Z95.0'] },
      { note: 'History: status post left total knee arthroplasty.', expect: ['Z96.652'] },
      { note: 'Plan: evaluate for kidney transplant.', forbid: ['Z94.0'] },
    ],
  },
  {
    id: 'pregnancy-trimester', title: 'Pregnancy codes carry the documented trimester; Z3A weeks of gestation', guideline: 'OCG I.C.15.a.3',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => applyPregnancyRules(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Assessment: gestational hypertension at 30 weeks gestation.', expect: ['O13.3', 'Z3A.30'], forbid: ['O13.9'] }],
  },
  {
    id: 'receptor-status', title: "A breast cancer's documented estrogen, progesterone and HER2 receptor status is its Z17 code", guideline: 'Tabular C50 (use additional code to identify estrogen receptor status); Z17.0-Z17.4',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addReceptorStatus(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Assessment: malignant neoplasm of the upper-outer quadrant of the left female breast, ER positive.', expect: ['C50.412', 'Z17.0'] },
      { note: 'Assessment: left breast cancer, ER+/PR+/HER2 negative.', expect: ['Z17.411'], forbid: ['Z17.0', 'Z17.21'] },
      { note: 'Assessment: triple negative breast cancer of the right breast.', expect: ['Z17.421'] },
      { note: 'Assessment: hypertension. ER visit last week for chest pain.', forbid: ['Z17.0', 'Z17.1'] }],
  },
  {
    id: 'preventive-encounter', title: 'A preventive examination or the supervision of a normal pregnancy is its encounter Z code', guideline: 'OCG I.C.21.c.13 (routine and administrative examinations); I.C.15.b.1 (routine outpatient prenatal visits)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addPreventiveEncounters(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Assessment: annual wellness exam without abnormal findings.', expect: ['Z00.00'] },
      { note: 'Assessment: well child visit, no abnormal findings.', expect: ['Z00.129'], forbid: ['Z00.121'] },
      { note: 'Assessment: routine prenatal care, first pregnancy, 10 weeks.', expect: ['Z34.01', 'Z3A.10'] },
      { note: 'Plan: return in one year for her annual wellness exam.', forbid: ['Z00.00'] }],
  },
  {
    id: 'sepsis-organism', title: 'Sepsis takes the organism its sentence names', guideline: 'OCG I.C.1.d.1',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => applySepsisOrganism(ctx.kb, cs, ctx.view),
    examples: [{ note: 'Assessment: sepsis due to E. coli from acute cystitis.', expect: ['A41.51'], forbid: ['A41.9'] }],
  },
  {
    id: 'bmi', title: 'An adult BMI value is its Z68 code, beside a weight diagnosis', guideline: 'OCG I.B.14',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addBmiCode(ctx.kb, cs, ctx.view),
    examples: [
      { note: 'Age: 60\nExam: BMI 41.2.\nAssessment: morbid obesity due to excess calories.', expect: ['Z68.41'] },
      { note: 'Age: 60\nExam: BMI 41.2. Lungs clear.', forbid: ['Z68.41'] },
    ],
  },
  {
    id: 'allergy-status', title: 'A documented drug, latex or food allergy is its allergy status code', guideline: 'OCG I.C.21.c.3 (Z88, Z91.0)',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addAllergyStatus(ctx.kb, cs, ctx.view),
    examples: [{ note: 'ALLERGIES:\nPenicillin (hives). Latex.', expect: ['Z88.0', 'Z91.040'] }, { note: 'ALLERGIES:\nNKDA.', forbid: ['Z88.0'] }],
  },
  {
    id: 'drug-poisoning', title: 'Poisoning, adverse effect and underdosing from the Table of Drugs and Chemicals', guideline: 'OCG I.C.19.e',
    policies: BILLING, phase: 'add', edits: (ctx, cs) => addDrugEvents(ctx.kb, cs, ctx.view),
    examples: [
      { note: 'Assessment: hypertension. We discussed the possible side effects of hydrochlorothiazide.', forbid: ['T50.2X5A'] },{ note: 'Assessment: accidental overdose of acetaminophen, initial encounter.', expect: ['T39.1X1A'] },
      { note: 'Assessment: hyperkalemia due to lisinopril; lisinopril stopped.', expect: ['E87.5', 'T46.4X5A'] },
      { note: 'Plan: switched her from furosemide to torsemide. No relief from the ibuprofen.', forbid: ['T50.1X5A', 'T39.315A'] }],
  },
  {
    id: 'part-readings', title: 'Words inside a longer condition are not coded on their own', guideline: 'Coding practice: code the whole condition',
    policies: BILLING, phase: 'specificity', edits: (ctx, cs) => drop(partReadings(ctx.kb, cs, ctx.text)),
    examples: [{ note: 'Assessment: viral upper respiratory infection.', expect: ['J06.9'], forbid: ['B99.9'] },
      { note: 'Assessment: irritable bowel syndrome with diarrhea.', expect: ['K58.0'], forbid: ['R19.7'] },
      { note: 'Assessment: anemia in chronic kidney disease, stage 4.', expect: ['D63.1', 'N18.4'] }],
  },
  {
    id: 'prefer-specific', title: 'An unspecified code gives way to a more specific code the note documents', guideline: 'OCG I.B.2 (code to the highest specificity)',
    policies: BILLING, phase: 'specificity', transform: (ctx, cs) => preferSpecific(ctx.kb, cs),
    examples: [{ note: 'Assessment: chronic systolic heart failure. Heart failure.', expect: ['I50.22'], forbid: ['I50.9'] },
      { note: 'Assessment: AKI on CKD 3a.', expect: ['N17.9', 'N18.31'], forbid: ['N18.9'] },
      { note: 'Assessment: acute deep vein thrombosis of the left femoral vein.', expect: ['I82.412'], forbid: ['I82.402'] },
      { note: 'Assessment: colon cancer with metastasis to the liver.', expect: ['C18.9', 'C78.7'], forbid: ['C79.9'] }],
  },
  {
    id: 'acute-on-chronic', title: 'Acute on chronic is one code, replacing the acute-only and chronic-only ones', guideline: 'OCG I.B.8 (acute and chronic conditions)',
    policies: BILLING, phase: 'specificity', edits: (ctx, cs) => preferAcuteOnChronic(ctx.kb, cs),
    examples: [{ note: 'History: chronic hypoxic respiratory failure on home oxygen.\nAssessment: acute on chronic hypoxic respiratory failure.', expect: ['J96.21'], forbid: ['J96.11'] }],
  },
  {
    id: 'unassessed-findings', title: 'A finding only in the exam or results is set aside when the note has an assessment', guideline: 'OCG III.B (abnormal findings)',
    policies: BILLING, phase: 'assess',
    edits: (ctx, cs) => (ctx.view?.sentences.some((s) => s.role === 'diagnosis') ? setAsideUnassessedFindings(cs) : []),
    examples: [{ note: 'EXAM:\nRight ear: impacted cerumen.\n\nASSESSMENT:\nEssential hypertension, well controlled.', expect: ['I10'], forbid: ['H61.21'] }],
  },
  {
    id: 'integral-symptoms', title: 'A routine sign of a diagnosis is not coded separately', guideline: 'OCG I.B.5 (signs and symptoms)',
    policies: BILLING, phase: 'assess', edits: (_ctx, cs) => setAsideIntegralSymptoms(cs),
    examples: [{ note: 'Ear pain and fever for two days.\nAssessment: acute otitis media of the left ear.', forbid: ['H92.02', 'R50.9'] },
      { note: 'Assessment: acute otitis media of the left ear with ear pain and fever.', expect: ['H66.92'], forbid: ['H92.02', 'R50.9'] },
      { note: 'Assessment: influenza A with cough and myalgias; oseltamivir.', expect: ['J10.1'], forbid: ['M79.10', 'R05.9'] }],
  },
  {
    id: 'external-causes-optional', title: 'External cause codes (V00-Y99) are not reported for the claim unless a payer or state requires them', guideline: 'OCG I.C.20 (no national requirement)',
    policies: BILLING, phase: 'assess', edits: (_ctx, cs) => externalCausesSetAside(cs),
    examples: [{ note: 'ASSESSMENT AND PLAN:\nRight ankle sprain, initial encounter. Unspecified fall, initial encounter.', expect: ['S93.401A'], forbid: ['W19.XXXA'] }],
  },
  {
    id: 'unaddressed-history', title: 'In a visit note, a condition or history written only in the history or medication lists is not coded when the visit does not take it up', guideline: 'OCG IV.J; I.C.21.c.4',
    policies: BILLING, phase: 'assess',
    edits: (ctx, cs) => (ctx.view && hasVisitSections(ctx.view) ? unaddressedHistory(cs) : []),
    examples: [{ note: 'HISTORY OF PRESENT ILLNESS:\nTwisted her right ankle stepping off a curb yesterday.\n\nPAST MEDICAL HISTORY:\nMigraines. Gastritis.\n\nFAMILY HISTORY:\nFather with type 2 diabetes.\n\nASSESSMENT AND PLAN:\nRight ankle sprain. Ice and rest.',
      expect: ['S93.401A'], forbid: ['G43.909', 'Z87.19', 'Z83.3'] },
    { note: 'HISTORY OF PRESENT ILLNESS:\nHere for follow-up.\n\nPAST MEDICAL HISTORY:\nMigraines.\n\nASSESSMENT AND PLAN:\nMigraine, stable on sumatriptan as needed.', expect: ['G43.909'] }],
  },
  {
    id: 'uncertain-diagnosis-symptoms', title: 'Outpatient: a possible, likely or rule-out diagnosis is coded as the symptoms written beside it', guideline: 'OCG IV.H (uncertain diagnosis)',
    policies: BILLING, phase: 'assess', edits: (_ctx, cs) => symptomsOfUncertainDiagnoses(cs),
    examples: [{ note: 'ASSESSMENT AND PLAN:\nPossible pneumonia with cough and fever.', expect: ['R05.9', 'R50.9'], forbid: ['J18.9'] }],
  },
  {
    id: 'unaddressed-symptoms', title: 'A symptom neither the reason for visit nor the assessment takes up is not coded beside an assessed diagnosis', guideline: 'OCG IV.D, IV.J',
    policies: BILLING, phase: 'assess',
    edits: (ctx, cs) => (ctx.view?.sentences.some((s) => s.role === 'diagnosis') ? unaddressedSymptoms(cs) : []),
    examples: [{ note: 'HISTORY OF PRESENT ILLNESS:\nShe wakes at night with numbness in both hands.\n\nASSESSMENT AND PLAN:\nBilateral carpal tunnel syndrome.', expect: ['G56.03'], forbid: ['R20.0'] }],
  },
  {
    id: 'dorsalgia-with-cause', title: 'Back or neck pain is part of the disc disorder, radiculopathy, stenosis, strain or stone the note codes', guideline: 'OCG I.B.5 (signs and symptoms)',
    policies: BILLING, phase: 'assess', edits: (_ctx, cs) => dorsalgiaWithItsCause(cs),
    examples: [{ note: 'CHIEF COMPLAINT:\nLow back pain.\n\nASSESSMENT AND PLAN:\nKidney stone.', expect: ['N20.0'], forbid: ['M54.50', 'M54.9'] }],
  },
  {
    id: 'unspecified-site', title: 'Pain or injury of unspecified site (R52, T14.9-) never stands beside an active code', guideline: 'Tabular R52, T14.9',
    policies: BILLING, phase: 'assess', edits: (_ctx, cs) => unspecifiedSiteCodes(cs),
    examples: [{ note: 'HISTORY OF PRESENT ILLNESS:\nThe pain began after a fall.\n\nASSESSMENT AND PLAN:\nRight ankle sprain.', expect: ['S93.401A'], forbid: ['R52', 'T14.90XA'] },
      { note: 'ASSESSMENT AND PLAN:\nRight ankle sprain. Unspecified injury, initial encounter.', expect: ['S93.401A'], forbid: ['T14.90XA'] }],
  },
  {
    id: 'no-illness-unspecified', title: '"Illness, unspecified" (R69) never stands beside a diagnosis', guideline: 'Tabular R69',
    policies: BILLING, phase: 'assess',
    edits: (_ctx, cs) => (cs.some((c) => c.status === 'active' && c.code !== 'R69') ? drop(cs.filter((c) => c.code === 'R69')) : []),
    examples: [{ note: 'Assessment: illness. Essential hypertension.', expect: ['I10'], forbid: ['R69'] }],
  },
  {
    id: 'excludes1', title: 'Two codes an Excludes1 note separates are not reported together', guideline: 'OCG I.A.12.a (Excludes1)',
    policies: BOTH, phase: 'conflicts', edits: (ctx, cs) => resolveExcludes1(ctx.kb, cs, ctx.policy),
    examples: [{ note: 'HPI: Home readings show hyperglycemia. Chronic kidney disease stage 3b.\nAssessment: type 2 diabetes mellitus with diabetic polyneuropathy.', expect: ['E11.42', 'E11.22'], forbid: ['R73.9'] }],
  },
  {
    id: 'tabular-notes', title: 'More specific alternatives and the "use additional" / "code first" notes of each code', guideline: 'OCG I.A.12-13 (instructional notes)',
    policies: BOTH, phase: 'annotate',
    transform: (ctx, cs) => cs.map((c) => {
      const notes = codingNotes(ctx.kb, c.code);
      return { ...c, alternatives: alternativesFor(ctx.kb, c), ...(notes.length ? { notes: [...(c.notes ?? []), ...notes] } : {}) };
    }),
    examples: [{ note: 'Type 2 diabetes mellitus.\nChronic kidney disease stage 3a.', expect: ['E11.22'] }],
  },
];

export const RULE_IDS: ReadonlySet<string> = new Set(CODING_RULES.map((r) => r.id));
