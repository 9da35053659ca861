// FHIR R4: a Bundle (type "collection") of Condition resources per note. The ICD-10-CM code is in
// Condition.code; each evidence span is an Annotation in Condition.note with its exact offsets, and
// Condition.evidence carries the span text, so a receiving system sees why each code was suggested.
import type { Suggestion, SuggestionStatus } from '../types';
import { ranked, type CodedNote } from './records';

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

function concept(system: string, code: string, display?: string) {
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}

/** Clinical and verification status for each suggestion status (R4 value sets). */
function statuses(status: SuggestionStatus) {
  switch (status) {
    case 'active': return { clinicalStatus: concept(CLINICAL, 'active', 'Active'), verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed') };
    case 'uncertain': return { clinicalStatus: concept(CLINICAL, 'active', 'Active'), verificationStatus: concept(VERIFICATION, 'provisional', 'Provisional') };
    case 'historical': return { clinicalStatus: concept(CLINICAL, 'resolved', 'Resolved'), verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed') };
    case 'family': return { verificationStatus: concept(VERIFICATION, 'unconfirmed', 'Unconfirmed') };
    case 'negated': return { verificationStatus: concept(VERIFICATION, 'refuted', 'Refuted') };
  }
}

/** A stable id from the file and code (FHIR ids: [A-Za-z0-9-.]{1,64}). */
function resourceId(file: string, code: string, i: number): string {
  let h = 2166136261;
  for (const ch of `${file}\u0000${code}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `cond-${h.toString(16)}-${i + 1}`;
}

export interface FhirOptions {
  /** Condition.subject.reference (default Patient/unknown). */
  subject?: string;
  /** Put the note's file path in subject.display. Off by default: a path often names the patient or the site. */
  includePaths?: boolean;
}

export function toCondition(s: Suggestion, file: string, i: number, opts: FhirOptions = {}) {
  return {
    resourceType: 'Condition' as const,
    id: resourceId(file, s.code, i),
    ...statuses(s.status),
    category: [concept(CATEGORY, 'encounter-diagnosis', 'Encounter Diagnosis')],
    code: { coding: [{ system: ICD10CM_SYSTEM, code: s.code, display: s.title }], text: s.title },
    subject: { reference: opts.subject ?? 'Patient/unknown', ...(opts.includePaths ? { display: file } : {}) },
    ...(s.evidence.length ? { evidence: [{ detail: s.evidence.map((e) => ({ display: e.text.slice(0, 500) })) }] } : {}),
    note: [
      { text: `Suggested by clinical-coder (confidence ${s.confidence.toFixed(3)}, status ${s.status}).` },
      ...s.evidence.map((e) => ({ text: `Evidence [${e.start}, ${e.end}) "${e.text}" matched by ${e.why}${e.matched ? `: ${e.matched}` : ''}` })),
      ...(s.notes ?? []).map((n) => ({ text: n })),
    ],
  };
}

export function toFhirBundle(note: CodedNote, opts: FhirOptions = {}) {
  return {
    resourceType: 'Bundle' as const,
    type: 'collection' as const,
    timestamp: new Date().toISOString(),
    entry: ranked(note.suggestions).map((s, i) => {
      const resource = toCondition(s, note.file, i, opts);
      return { fullUrl: `urn:uuid:${uuidFrom(resource.id)}`, resource };
    }),
  };
}

/** A deterministic RFC 4122-shaped id (fullUrl must be absolute; urn:uuid is the usual choice). */
function uuidFrom(id: string): string {
  const hex: string[] = [];
  let h = 0x811c9dc5;
  for (let k = 0; hex.join('').length < 32; k++) {
    for (const ch of `${id}#${k}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const x = hex.join('').slice(0, 32).split('');
  x[12] = '4'; x[16] = '89ab'[parseInt(x[16], 16) % 4];
  const s = x.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
