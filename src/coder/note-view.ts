// What the engine needs from note understanding: sentences with their section, and abbreviation
// expansions, all with offsets into the original text.
import type { AbbreviationMatch, Section, SectionRole } from '../note/types';

export interface ViewSentence {
  start: number;
  end: number;
  text: string;
  role: SectionRole;
  section?: Section;
}

export interface NoteView {
  sentences: ViewSentence[];
  abbreviations: AbbreviationMatch[];
}

/** Plain segmentation used when note understanding is unavailable: lines, then sentence ends. */
export function simpleView(text: string): NoteView {
  const sentences: ViewSentence[] = [];
  const re = /[^\n.!?;]+(?:[.!?;]+|$)/g;
  for (const line of text.matchAll(/[^\n]+/g)) {
    const base = line.index ?? 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line[0]))) {
      if (!m[0]) { re.lastIndex++; continue; }
      const s = base + m.index, raw = m[0];
      const lead = raw.length - raw.trimStart().length, trail = raw.length - raw.trimEnd().length;
      if (raw.trim()) sentences.push({ start: s + lead, end: s + raw.length - trail, text: raw.trim(), role: 'narrative' });
    }
  }
  return { sentences, abbreviations: [] };
}
