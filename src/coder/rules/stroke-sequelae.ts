// Sequelae of cerebrovascular disease (billing, OCG I.C.9.d): a deficit that remains after a past stroke ("old stroke
// with residual right hemiparesis", "right hemiparesis following cerebral infarction") is an I69.3- code that names
// the deficit and its side, not the acute infarct (I63.-), nor the history code Z86.73 (Excludes1 with I69), nor the
// deficit's own code. Dysphagia keeps its own code beside (I69.391: use additional code for the type of dysphagia).
import type { IcdKnowledgeBase } from '../../icd/knowledge-base';
import type { PlacedMention } from '../features';
import { addEdit } from './rule-mention';
import type { RuleEdit } from './rule';
import type { RuledCandidate } from './types';

/** Deficit code -> the I69.3- code for it after a cerebral infarction; `keep`: the deficit's code is reported too. */
const DEFICITS: { deficit: RegExp; sequela: (code: string) => string; keep: boolean }[] = [
  // G81.91 right dominant, .92 left dominant, .93 right nondominant, .94 left nondominant, .90 unspecified side.
  { deficit: /^G81\.9[0-4]$/, sequela: (c) => `I69.35${c.endsWith('0') ? '9' : c.slice(-1)}`, keep: false },
  { deficit: /^G83\.2[0-4]$/, sequela: (c) => `I69.33${c.endsWith('0') ? '9' : c.slice(-1)}`, keep: false },
  { deficit: /^G83\.1[0-4]$/, sequela: (c) => `I69.34${c.endsWith('0') ? '9' : c.slice(-1)}`, keep: false },
  { deficit: /^R47\.01$/, sequela: () => 'I69.320', keep: false },
  { deficit: /^R47\.1$/, sequela: () => 'I69.322', keep: false },
  { deficit: /^R13\.1/, sequela: () => 'I69.391', keep: true },
  { deficit: /^R29\.810$/, sequela: () => 'I69.392', keep: false },
];
/** Words that put the stroke in the past and the deficit after it. */
const AFTER = /\b(following|residual|sequela[e]?|late effects?|old|prior|previous|remote|history of|h\/o|status post|s\/p|since (?:his|her|the|a) (?:stroke|cva|infarct)|after (?:a |an |his |her |the )?(?:stroke|cva|cerebral infarct(?:ion)?))\b/i;
const STROKE = /^(I63\.|Z86\.73$)/;

export function strokeSequelae(kb: IcdKnowledgeBase, cs: readonly RuledCandidate[], text: string): RuleEdit[] {
  const strokes = cs.filter((c) => STROKE.test(c.code) && (c.status === 'active' || c.status === 'historical'));
  if (!strokes.length) return [];
  const sentenceOf = (m: PlacedMention) => text.slice(m.sentenceStart, m.sentenceEnd);
  // The stroke is past: its history code, or an infarct named in a sentence that says the deficit came after it.
  const past = strokes.filter((c) => c.code === 'Z86.73' || c.status === 'historical' || c.mentions.some((m) => AFTER.test(sentenceOf(m))));
  if (!past.length) return [];
  const edits: RuleEdit[] = [];
  let used = false;
  for (const c of cs) {
    if (c.status !== 'active') continue;
    const d = DEFICITS.find((x) => x.deficit.test(c.code));
    if (!d) continue;
    // The deficit is documented as the stroke's: in a sentence that names the stroke or says it remains after one.
    const linked = c.mentions.some((m) => AFTER.test(sentenceOf(m)) || past.some((p) => p.mentions.some((n) => n.sentence === m.sentence)));
    if (!linked) continue;
    const code = d.sequela(c.code);
    if (!kb.isBillable(code)) continue;
    edits.push(addEdit(code, [...c.mentions, ...past.flatMap((p) => p.mentions)], Math.max(c.confidence, 0.6),
      `Sequela of cerebral infarction: ${c.code} after the stroke (OCG I.C.9.d)${d.keep ? `; ${c.code} coded too` : `; replaces ${c.code}`}`));
    if (!d.keep) edits.push({ op: 'drop', target: c });
    used = true;
  }
  // I69 and Z86.73 are not reported together, nor is a past infarct an acute one.
  if (used) for (const p of past) edits.push({ op: 'drop', target: p });
  return edits;
}
