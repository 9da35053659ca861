// A table keyed by ICD-10-CM code ranges in which the most specific range holding a code decides. Ranges must nest or
// be disjoint (checked when the table is built), so no row can shadow another by its position in the file.
export interface RangeRow { range: string; code: string }

interface Interval { low: string; high: string; row: RangeRow }

const RANGE = /^([A-Z][0-9A-Z.]*)(?:-([A-Z][0-9A-Z.]*))?$/;
/** Codes compare without their dot: "N39.0" is the prefix "N390". */
const key = (code: string) => code.replace('.', '').toUpperCase();

function interval(row: RangeRow): Interval {
  const m = RANGE.exec(row.range);
  if (!m) throw new Error(`range "${row.range}" is not a code prefix or "FROM-TO"`);
  const low = key(m[1]);
  // The upper prefix holds every code that starts with it: "C21" reaches "C21.8".
  const high = key(m[2] ?? m[1]) + '\uffff';
  if (low > high) throw new Error(`range "${row.range}" is empty (its start is after its end)`);
  return { low, high, row };
}

const holds = (i: Interval, code: string) => i.low <= code && code <= i.high;
const within = (inner: Interval, outer: Interval) => outer.low <= inner.low && inner.high <= outer.high;

export class CodeRangeTable {
  private readonly rows: Interval[];

  /** Throws, naming the rows, when a range is malformed, repeated or overlaps another without nesting. */
  constructor(readonly name: string, rows: readonly RangeRow[]) {
    this.rows = rows.map(interval);
    for (let i = 0; i < this.rows.length; i++) for (let j = i + 1; j < this.rows.length; j++) {
      const a = this.rows[i], b = this.rows[j];
      if (a.low === b.low && a.high === b.high) throw new Error(`${name}: range "${a.row.range}" appears twice`);
      const overlap = a.low <= b.high && b.low <= a.high;
      if (overlap && !within(a, b) && !within(b, a)) throw new Error(`${name}: ranges "${a.row.range}" and "${b.row.range}" overlap without one holding the other`);
    }
    // Narrowest first, so the first row holding a code is the most specific one.
    this.rows.sort((a, b) => (within(a, b) ? -1 : within(b, a) ? 1 : 0) || (a.low < b.low ? -1 : 1));
    this.rows = topological(this.rows);
  }

  /** The row of the most specific range holding the code. */
  rowFor(code: string): RangeRow | undefined {
    const k = key(code);
    return this.rows.find((i) => holds(i, k))?.row;
  }

  lookup(code: string): string | undefined { return this.rowFor(code)?.code; }

  allRows(): RangeRow[] { return this.rows.map((i) => i.row); }

  /** Whether the code lies in the row's range (whichever row wins it). */
  inRange(row: RangeRow, code: string): boolean { return holds(interval(row), key(code)); }
}

/** Rows ordered so that every range comes before each range holding it (Array.sort needs a total order; nesting is not one). */
function topological(rows: Interval[]): Interval[] {
  const out: Interval[] = [];
  const left = [...rows];
  while (left.length) {
    const i = left.findIndex((a) => !left.some((b) => b !== a && within(b, a)));
    out.push(left.splice(i, 1)[0]);
  }
  return out;
}

/** What a knowledge base needs to check a table: the billable codes and whether one is billable. */
export interface BillableCodes { isBillable(code: string): boolean; billableCodes(): Iterable<{ code: string }> }

/**
 * Problems of a table against a knowledge base: a target that is not billable (a header does nothing), a range no
 * billable code falls in, a row no code reaches (every code of its range taken by more specific rows).
 */
export function rangeTableProblems(table: CodeRangeTable, kb: BillableCodes): string[] {
  const problems: string[] = [];
  const rows = table.allRows();
  const inRange = new Map(rows.map((r) => [r, 0]));
  const wins = new Map(rows.map((r) => [r, 0]));
  for (const { code } of kb.billableCodes()) {
    for (const r of rows) if (table.inRange(r, code)) inRange.set(r, inRange.get(r)! + 1);
    const w = table.rowFor(code);
    if (w) wins.set(w, wins.get(w)! + 1);
  }
  for (const r of rows) {
    if (!kb.isBillable(r.code)) problems.push(`${table.name}: ${r.range} -> ${r.code}: ${r.code} is not a billable code`);
    if (!inRange.get(r)) problems.push(`${table.name}: range ${r.range} holds no billable code`);
    else if (!wins.get(r)) problems.push(`${table.name}: row ${r.range} -> ${r.code} is never reached (more specific rows take every code)`);
  }
  return problems;
}
