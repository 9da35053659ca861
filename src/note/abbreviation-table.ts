// The one abbreviation table of the engine (data/abbreviations.json): note reading expands every row, knowledge-base
// searches spell out the rows marked `query`. Checked when loaded, so a malformed or repeated row never goes unseen.
import data from './data/abbreviations.json';

export interface AbbreviationSense { expansion: string; cues: string[]; roles?: string[] }
export interface AmbiguousAbbreviation { key: string; senses: AbbreviationSense[] }
export interface AbbreviationRow { key: string; expansion?: string; senses?: AbbreviationSense[]; query?: boolean }

/** What is wrong with the rows: missing or both kinds of expansion, a sense without cues, a key written twice. */
export function abbreviationTableProblems(rows: readonly AbbreviationRow[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const r of rows) {
    if (typeof r.key !== 'string' || !r.key.trim() || r.key !== r.key.trim()) { problems.push(`bad key ${JSON.stringify(r.key)}`); continue; }
    const k = r.key.toLowerCase();
    const before = seen.get(k);
    if (before !== undefined) problems.push(`"${r.key}" is listed twice (also as "${before}"): one row per key, senses for an ambiguous one`);
    seen.set(k, r.key);
    const plain = typeof r.expansion === 'string' && r.expansion.trim() !== '';
    const senses = Array.isArray(r.senses) && r.senses.length > 0;
    if (plain === senses) problems.push(`"${r.key}" needs exactly one of "expansion" or "senses"`);
    if (senses && r.senses!.length < 2) problems.push(`"${r.key}" has one sense: write it as an expansion`);
    for (const s of r.senses ?? []) {
      if (!s.expansion?.trim() || !Array.isArray(s.cues) || !s.cues.length) problems.push(`"${r.key}": sense ${JSON.stringify(s.expansion)} needs an expansion and cue words`);
      else if (s.cues.some((c) => c !== c.toLowerCase())) problems.push(`"${r.key}": cue words are compared in lower case`);
    }
    if (r.query !== undefined && (r.query !== true || !/^[A-Za-z][A-Za-z0-9]*$/.test(r.key))) problems.push(`"${r.key}": "query" is true, on a one-word key`);
  }
  return problems;
}

function load(rows: AbbreviationRow[]): AbbreviationRow[] {
  const problems = abbreviationTableProblems(rows);
  if (problems.length) throw new Error(`abbreviation table (src/note/data/abbreviations.json): ${problems.slice(0, 5).join('; ')}`);
  return rows;
}

export const ABBREVIATION_ROWS: readonly AbbreviationRow[] = load(data.abbreviations as AbbreviationRow[]);

/**
 * The expansion a search uses: the plain one, or an ambiguous key's first (most common) sense, without a gloss in
 * parentheses ("cerebrovascular accident (stroke)" would rank the sequela codes of "stroke" first).
 */
export const defaultExpansion = (r: AbbreviationRow): string => (r.expansion ?? r.senses![0].expansion).replace(/\s*\([^)]*\)/g, '').trim();
