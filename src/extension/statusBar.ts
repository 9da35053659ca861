// Status bar item: the suggestion source's state and the active note's suggestion count; click opens the
// Code Explorer.
import * as vscode from 'vscode';
import { Commands, type DocumentStatus, type ServerStatus } from '../common/protocol';

export class CoderStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clinicalCoder.status', vscode.StatusBarAlignment.Right, 100);
  private server: ServerStatus = { state: 'starting', source: 'none' };
  private readonly counts = new Map<string, DocumentStatus>();

  constructor() {
    this.item.name = 'Clinical Coder';
    this.item.command = Commands.openExplorer;
    this.render();
    this.item.show();
  }

  setServer(s: ServerStatus): void { this.server = s; this.render(); }
  setDocument(s: DocumentStatus): void { this.counts.set(s.uri, s); this.render(); }
  render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const c = uri ? this.counts.get(uri) : undefined;
    const icon = this.server.state === 'starting' ? '$(loading~spin)' : this.server.state === 'error' ? '$(error)' : this.server.state === 'lexical-only' ? '$(warning)' : '$(checklist)';
    this.item.text = `${icon} ICD-10${c ? `: ${c.suggested}${c.accepted ? ` · ${c.accepted}✓` : ''}` : ''}`;
    this.item.tooltip = `Clinical Coder — ${this.server.state} (${this.server.source})${this.server.detail ? `\n${this.server.detail}` : ''}${c ? `\n${c.suggested} suggested · ${c.accepted} accepted · ${c.rejected} rejected` : ''}\nClick to open the Code Explorer`;
  }
  dispose(): void { this.item.dispose(); }
}
