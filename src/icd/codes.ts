// Code syntax: ICD-10-CM codes are stored dotted ("E11.22"); the order file and many notes write
// them without the dot ("E1122"), in lower case, or with a trailing "-" / ".-" meaning "a more
// specific code under this one is required".

/** Thrown for input that is not an ICD-10-CM code, or not one in the FY2026 code set. */
export class IcdCodeError extends Error {
  constructor(message: string, readonly input: string) {
    super(message);
    this.name = 'IcdCodeError';
  }
}

// FY2026 added the first category with a letter in second place (QA0), so only the first is fixed.
const BARE = /^[A-Z][0-9A-Z][0-9A-Z][0-9A-Z]{0,4}$/;

/** "E1122" -> "E11.22"; assumes an upper-case code without a dot. */
export function dotCode(bare: string): string {
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/** "E11.22" -> "E1122". */
export function undotCode(code: string): string {
  return code.replace('.', '');
}

export interface ParsedCode {
  /** Dotted canonical form, e.g. "E11.22". */
  code: string;
  /** The input ended in "-" or ".-" (the writer meant "a code under this one"). */
  dash: boolean;
}

/**
 * Canonicalises the *syntax* of a code reference without checking it exists: trims, upper-cases,
 * accepts "e11.22", "E1122", "E11.22", "I21.-", "D24-". Returns undefined for anything else.
 */
export function parseCode(input: unknown): ParsedCode | undefined {
  if (typeof input !== 'string') return undefined;
  let s = input.trim().toUpperCase().replace(/\s+/g, '');
  let dash = false;
  if (s.endsWith('-')) { dash = true; s = s.replace(/\.?-+$/, ''); }
  if (s.endsWith('.')) s = s.slice(0, -1);
  const dot = s.indexOf('.');
  if (dot >= 0) {
    if (dot !== 3 || s.indexOf('.', dot + 1) >= 0) return undefined;
    s = s.slice(0, 3) + s.slice(4);
  }
  if (!BARE.test(s)) return undefined;
  return { code: dotCode(s), dash };
}

/** Chapter node codes are "CH01".."CH22" (chapters have no code of their own in ICD-10-CM). */
export function chapterCode(n: number): string {
  return `CH${String(n).padStart(2, '0')}`;
}

/** A code range such as "E08-E13" or "P35-P39" (blocks, and ranges cited in notes). */
export const RANGE = /^([A-Z][0-9][0-9A-Z])(?:\.[0-9A-Z]{1,4})?-([A-Z][0-9][0-9A-Z])(?:\.[0-9A-Z]{1,4})?$/;

/** True when category `cat` (3 characters) lies inside range "A-B" (inclusive, by category). */
export function inRange(cat: string, range: string): boolean {
  const m = RANGE.exec(range);
  if (!m) return false;
  const c = cat.slice(0, 3);
  return c >= m[1] && c <= m[2];
}
