// `clinical-coder lsp` (dist/cli.js) starts the same language server on stdio.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol/node';
import { ROOT } from './lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');

test('node dist/cli.js --help lists the lsp subcommand', () => {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\s+lsp\s+Run the language server on stdio/m);
});

test('clinical-coder lsp answers initialize with the server capabilities', async () => {
  const child = spawn(process.execPath, [CLI, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  try {
    const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    assert.equal(init.serverInfo?.name, 'clinical-coder');
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(init.capabilities.codeLensProvider);
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0);
  } finally {
    conn.dispose();
    child.kill();
  }
});
