// The real-VS-Code layer on a machine with internet: @vscode/test-electron downloads a desktop VS Code and
// runs the same extension-host Mocha suite (out/test/vscode/index.js) that test/vscode/run.sh runs offline in
// code-server. Usage: npm run build && node test/vscode/build.mjs && npx tsx test/run-electron.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'clinical-coder-ws-'));
  fs.cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('VS Code tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
