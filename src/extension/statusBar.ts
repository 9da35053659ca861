// Status bar item: the model state (loading, ready, lexical-only with the reason, error) and the active
// note's suggestion count; click opens the Code Explorer.
import * as vscode from 'vscode';
import { Commands, type DocumentStatus, type ServerStatus } from '../common/protocol';

export class CoderStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clinicalCoder.status', vscode.StatusBarAlignment.Right, 100);
  private server: ServerStatus = { state: 'starting', source: 'engine' };
  private readonly counts = new Map<string, DocumentStatus>();

  constructor() {
    this.item.name = 'Clinical Coder';
    this.item.command = Commands.openExplorer;
    this.render();
    this.item.show();
  }

  get text(): string { return this.item.text; }
  get tooltip(): string { return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? ''; }

  setServer(s: ServerStatus): void { this.server = s; this.render(); }
  setDocument(s: DocumentStatus): void { this.counts.set(s.uri, s); this.render(); }
  /** Forget the per-note counts (the server restarted). */
  reset(): void { this.counts.clear(); this.server = { state: 'starting', source: 'engine' }; this.render(); }

  render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const c = uri ? this.counts.get(uri) : undefined;
    const s = this.server;
    const count = c ? `: ${c.suggested}${c.accepted ? ` · ${c.accepted}✓` : ''}` : '';
    switch (s.state) {
      case 'starting':
      case 'loading':
        this.item.text = '$(loading~spin) ICD-10: loading model';
        break;
      case 'error':
        this.item.text = '$(error) ICD-10: engine failed';
        break;
      case 'lexical-only':
        this.item.text = `$(info) ICD-10 (word matching)${count}`;
        break;
      default:
        this.item.text = `$(checklist) ICD-10${count}`;
    }
    this.item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const state = {
      starting: 'starting', loading: 'loading the knowledge base and model…', ready: `model ready${s.loadMs !== undefined ? ` (loaded in ${s.loadMs} ms)` : ''}`,
      'lexical-only': 'word matching only: codes come from the words of the ICD-10-CM index and code titles; the neural encoder, which also finds wording the index lacks, is not in use',
      error: 'the coding engine failed',
    }[s.state];
    const lines = [`Clinical Coder — ${state}`];
    if (s.detail) lines.push(s.detail);
    if (c?.skipped) lines.push(c.skipped);
    if (c) lines.push(`${c.suggested} suggested · ${c.accepted} accepted · ${c.rejected} rejected`);
    lines.push('Click to open the Code Explorer');
    this.item.tooltip = lines.join('\n');
  }

  dispose(): void { this.item.dispose(); }
}
