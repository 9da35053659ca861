// Billing policy: a past condition is coded as a personal history Z code (Z85-Z87) and a relative's condition as a
// family history Z code (Z80-Z84), the way US coders report them. The maps are data (data/history-codes.json), keyed
// by code ranges in which the most specific range wins; targets are checked billable by the caller and by the tests.
import table from './data/history-codes.json';
import { CodeRangeTable } from './code-range-table';

export const PERSONAL_HISTORY = new CodeRangeTable('personal history', table.personal);
export const FAMILY_HISTORY = new CodeRangeTable('family history', table.family);

export function personalHistoryCode(code: string): string | undefined {
  return PERSONAL_HISTORY.lookup(code);
}

export function familyHistoryCode(code: string): string | undefined {
  return FAMILY_HISTORY.lookup(code);
}
