// The coder's accept / reject / replace / clear requests turned into decision records and saved. Everything a
// request says is checked before anything is written (known decision, codes of the shipped code set, a section
// inside the note), and every record is held to the same validation as a record read back from the file, so a
// decision that is acknowledged is one that a restart reloads. No connection here: the server wires it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeInfo, DocumentCoding, DocumentSuggestion } from '../common/protocol';
import { anchorOf, type EvidenceAnchor } from './anchors';
import { codesInSection } from './codeLens';
import { isCodeShaped, sanitizeDecisionRecord, type DecisionRecord, type DecisionStore } from './decisions';
import { moreSpecific } from './hover';

export interface CodedNote { doc: TextDocument; coding: DocumentCoding }

export interface DecisionServiceDeps {
  /** The store of the current workspace folders (replaced when the folders are known). */
  store(): Pick<DecisionStore, 'forDocument' | 'update'>;
  /** The note's up-to-date coding (coded now if stale), or null when it is not an open note that is coded. */
  codingFor(uri: string): Promise<CodedNote | null>;
  /** Code-set facts; a code the FY2026 set lacks is missing or marked unknown. */
  codeInfo(codes: string[]): Promise<Record<string, CodeInfo>>;
  /** Facts of codes checked on the way, so a chosen code shows at once. */
  rememberInfo?(facts: Record<string, CodeInfo>): void;
  now?(): Date;
}

const DECISIONS = ['accepted', 'rejected', 'clear'] as const;
type RequestedDecision = (typeof DECISIONS)[number];

const fail = (message: string): never => { throw new Error(`Clinical Coder: ${message}`); };
const quoted = (v: unknown): string => JSON.stringify(String(v).slice(0, 40));

function decisionOf(v: unknown, allowClear: boolean): RequestedDecision {
  if (typeof v === 'string' && (DECISIONS as readonly string[]).includes(v) && (allowClear || v !== 'clear')) return v as RequestedDecision;
  return fail(`unknown decision ${quoted(v)} (${allowClear ? 'accepted, rejected or clear' : 'accepted or rejected'}).`);
}

function uriOf(v: unknown): string {
  return typeof v === 'string' && v ? v : fail('a decision needs the note (uri).');
}

/** The evidence anchor of a suggestion's main span, in the note's current text. */
function anchorFor(doc: TextDocument, s: DocumentSuggestion | undefined): EvidenceAnchor | undefined {
  const e = s?.evidence[0];
  const text = doc.getText();
  return e && e.end <= text.length ? anchorOf(text, e.start, e.end) : undefined;
}

/** A record as it will be read back; one that would not survive the file's validation is refused, not saved. */
function checked(record: DecisionRecord): DecisionRecord {
  const back = sanitizeDecisionRecord(record);
  if (!back) fail(`the decision on ${record.code} cannot be saved (its evidence or title is too long for the decisions file).`);
  return back!;
}

export class DecisionService {
  constructor(private readonly deps: DecisionServiceDeps) {}

  private now(): string { return (this.deps.now?.() ?? new Date()).toISOString(); }

  /** A decision names a code of the shipped code set, whatever the request says. */
  private async checkCodes(codes: string[]): Promise<void> {
    const facts = await this.deps.codeInfo(codes);
    for (const c of codes) if (!facts[c] || facts[c].unknown) fail(`${c} is not in the FY2026 ICD-10-CM code set.`);
    this.deps.rememberInfo?.(facts);
  }

  /**
   * Accepts or rejects one code, accepts a more specific code in place of a suggested one (`replaces`, which is
   * then rejected), or clears a decision. Resolves once it is saved; rejects with the reason otherwise.
   */
  async decide(params: unknown): Promise<void> {
    const p = (params ?? {}) as Record<string, unknown>;
    const uri = uriOf(p.uri);
    const decision = decisionOf(p.decision, true);
    const { code, replaces } = p;
    if (!isCodeShaped(code)) return fail(`${quoted(code)} is not an ICD-10-CM code.`);
    if (replaces !== undefined && replaces !== null && !isCodeShaped(replaces)) return fail(`${quoted(replaces)} is not an ICD-10-CM code.`);
    const store = this.deps.store();
    if (decision === 'clear') {
      const old = store.forDocument(uri).find((x) => x.code === code);
      await store.update(uri, [], [code, ...(old?.replaces ? [old.replaces] : [])]);
      return;
    }
    await this.checkCodes(replaces ? [code, replaces] : [code]);
    const r = await this.deps.codingFor(uri);
    const at = this.now();
    if (replaces) {
      if (decision !== 'accepted') fail(`only an accepted code can replace ${replaces}.`);
      const target = r?.coding.suggestions.find((s) => s.code === replaces);
      if (!r || !target) return fail(`${replaces} is not suggested in this note, so it cannot be replaced.`);
      const evidence = anchorFor(r.doc, target);
      const child = moreSpecific(target).find((c) => c.code === code);
      await store.update(uri, [
        checked({ code, decision: 'accepted', title: child?.title ?? code, evidence, replaces, confidence: target.confidence, at }),
        checked({ code: replaces, decision: 'rejected', title: target.title, evidence, at }),
      ]);
      return;
    }
    const s = r?.coding.suggestions.find((x) => x.code === code);
    const record: DecisionRecord = { code, decision, at, ...(s ? { title: s.title, confidence: s.confidence } : {}) };
    const evidence = r && s ? anchorFor(r.doc, s) : undefined;
    if (evidence) record.evidence = evidence;
    await store.update(uri, [checked(record)]);
  }

  /**
   * Accepts or rejects every pending code documented in [start, end) of the note (one section). Resolves to false
   * when the note is not one that is coded (nothing written).
   */
  async decideSection(params: unknown): Promise<boolean> {
    const p = (params ?? {}) as Record<string, unknown>;
    const uri = uriOf(p.uri);
    const decision = decisionOf(p.decision, false) as Exclude<RequestedDecision, 'clear'>;
    const { start, end } = p;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number)) {
      fail(`a section is given by its start and end offsets in the note (got ${quoted(start)}, ${quoted(end)}).`);
    }
    const r = await this.deps.codingFor(uri);
    if (!r) return false;
    const at = this.now();
    const records = codesInSection(r.coding, { start: start as number, end: end as number })
      .filter((s) => !s.decision)
      .map((s) => checked({ code: s.code, decision, title: s.title, confidence: s.confidence, evidence: anchorFor(r.doc, s), at }));
    if (records.length) await this.deps.store().update(uri, records);
    return true;
  }
}
