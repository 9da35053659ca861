// The coder's accept/reject decisions per note. In memory for now; issue 7 persists them (versioned JSON,
// atomic writes) behind this same interface.
import type { Decision } from '../common/protocol';

export interface DecisionStore {
  get(uri: string, code: string): Decision | undefined;
  set(uri: string, code: string, decision: Decision | 'clear'): void;
  forDocument(uri: string): ReadonlyMap<string, Decision>;
}

export class InMemoryDecisionStore implements DecisionStore {
  private readonly byUri = new Map<string, Map<string, Decision>>();

  get(uri: string, code: string): Decision | undefined {
    return this.byUri.get(uri)?.get(code);
  }

  set(uri: string, code: string, decision: Decision | 'clear'): void {
    const m = this.byUri.get(uri) ?? new Map<string, Decision>();
    if (decision === 'clear') m.delete(code); else m.set(code, decision);
    if (m.size) this.byUri.set(uri, m); else this.byUri.delete(uri);
  }

  forDocument(uri: string): ReadonlyMap<string, Decision> {
    return this.byUri.get(uri) ?? new Map();
  }
}
