// Billing, guideline I.B.5: "Signs and symptoms that are associated routinely with a disease process should not be
// assigned as additional codes." A symptom code is set aside when the note codes a definitive diagnosis of the body
// system the symptom belongs to (the blocks of chapter 18 are organised that way): cough with pneumonia, heartburn with
// reflux disease, edema with heart failure. Deliberately narrow: only symptoms that are routine for the whole system.
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

interface IntegralRule {
  /** Symptom codes (chapter 18). */
  symptom: RegExp;
  /** Definitive diagnoses the symptom is routinely part of. */
  diagnosis: RegExp;
}

const RULES: IntegralRule[] = [
  // Cough, abnormal breathing (dyspnea, shortness of breath, wheezing), sputum: respiratory diseases.
  { symptom: /^R0(5|6|9\.3)/, diagnosis: /^J/ },
  // Fever: infections (certain infectious diseases, respiratory infections, urinary tract infection, pyelonephritis).
  { symptom: /^R50\.9$/, diagnosis: /^(A|B|J0|J1[0-8]|J2[0-2]|J69|J85|J86|N10|N30\.0|N39\.0|K35|K57|K65|K80\.[0-4]|K81|K85|L0[0-8])/ },
  // Pain not further described: digestive diseases (the "RUQ pain" of cholecystitis).
  { symptom: /^R52$/, diagnosis: /^K/ },
  // Nausea, vomiting, heartburn, dysphagia, abdominal pain: digestive diseases.
  { symptom: /^R1[0-3]/, diagnosis: /^K/ },
  // Dysuria, frequency, urgency, retention, hematuria, pyuria, bacteriuria: diseases of the urinary system.
  { symptom: /^R3[0-5]|^R31|^R82\.(7|81)/, diagnosis: /^N(0|1|2|3)/ },
  // Confusion, disorientation, altered mental status: encephalopathy, delirium, dementia.
  { symptom: /^R41\.(0|82)$/, diagnosis: /^(G93\.4|F0[1-5]|G30|G31\.8)/ },
  // Chest pain, sweating, shortness of breath: acute myocardial infarction and other acute ischemic heart disease.
  { symptom: /^R07\.|^R61$|^R06\.0/, diagnosis: /^I2[1-4]\./ },
  // Weakness and facial droop: acute stroke (its named deficits, aphasia or hemiplegia, are still coded).
  { symptom: /^R53\.1$|^R29\.810$/, diagnosis: /^I6[0-3]\./ },
  // Muscle aches, headache, malaise and fatigue: influenza (J09-J11), whose systemic symptoms they are.
  { symptom: /^M79\.1|^R51\.9$|^R53\.8|^R68\.83$/, diagnosis: /^J(09|1[01])\./ },
  // Edema: heart failure.
  { symptom: /^R60\./, diagnosis: /^I50\./ },
  // Limb pain and swelling (the index leads "leg swelling" to M79.89): deep vein thrombosis and other venous thrombosis.
  { symptom: /^R52$|^R60\.|^M79\.6|^M79\.89$|^R22\.4/, diagnosis: /^I8[0-2]\./ },
  // Joint and limb pain, swelling: injuries (a fracture of the radius hurts and swells at the wrist).
  { symptom: /^M25\.5|^M79\.6|^M79\.89$|^R22\.4|^R60\.|^R52$/, diagnosis: /^S/ },
  // Ear pain and fever: otitis media and externa.
  { symptom: /^R52$|^H92\.0|^R50\.9$/, diagnosis: /^H6[0-7]\./ },
  // Runny nose (indexed to J34.89): acute upper respiratory infections.
  { symptom: /^J34\.89$/, diagnosis: /^J0[0-6]\./ },
  // Headache: migraine and other headache syndromes.
  { symptom: /^R51/, diagnosis: /^G4[34]\./ },
];

export function setAsideIntegralSymptoms(cs: readonly RuledCandidate[]): RuleEdit[] {
  const active = cs.filter((c) => c.status === 'active');
  const edits: RuleEdit[] = [];
  for (const s of active) {
    const rules = RULES.filter((r) => r.symptom.test(s.code));
    if (!rules.length) continue;
    const dx = active.filter((d) => d !== s && rules.some((r) => r.diagnosis.test(d.code))).sort((a, b) => b.confidence - a.confidence)[0];
    if (!dx) continue;
    edits.push({ op: 'drop', target: s }, { op: 'note', target: dx, note: `${s.code} (${s.mentions[0] ? `"${s.mentions[0].matched}"` : 'symptom'}) not coded separately: a routine sign of ${dx.code} (guideline I.B.5)` });
  }
  return edits;
}
