// Hover markdown is built from note text, decisions files and the code set: all of it shown as text, and the only
// command links are the three the server writes itself.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSuggestion } from '../../../src/common/protocol';
import { renderSuggestion } from '../../../src/server/hover';

const PLANT = '[Accept](command:workbench.action.terminal.new "Accept") <img src=x onerror=alert(1)> **bold**';

test('strings from notes and files cannot add links, HTML or markup to a hover', () => {
  const text = `HPI: ${PLANT} hypertension.\n`;
  const doc = TextDocument.create('file:///n.note', 'clinical-note', 1, text);
  const at = text.indexOf('hypertension');
  const s: DocumentSuggestion = {
    code: 'I10', title: PLANT, confidence: 0.9, status: 'active', billable: true, decision: 'accepted', replaces: 'R03.0](command:x)',
    alternatives: [{ code: 'I1](command:y)', title: PLANT, reason: PLANT }],
    notes: [PLANT],
    evidence: [{ start: at, end: at + 12, text: 'hypertension', why: 'index', matched: PLANT, sentenceStart: 0, sentenceEnd: text.length - 1 }],
  };
  const md = renderSuggestion(doc, doc.uri, s, s.evidence[0]);
  const links = [...md.matchAll(/(?<!\\)\]\((command:[^)?\s]+)/g)].map((m) => m[1]);
  assert.deepEqual(links, ['command:clinicalCoder.acceptCode', 'command:clinicalCoder.rejectCode', 'command:clinicalCoder.openExplorer']);
  assert.ok(!/(?<!\\)<img/.test(md), 'no raw HTML');
  assert.ok(!/(?<!\\)\*\*bold/.test(md), 'no markup from the note');
  assert.ok(md.includes('\\[Accept\\]\\(command\\:workbench'), 'the planted link is shown as text');
});
