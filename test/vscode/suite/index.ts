// Runs inside the VS Code extension host — the module @vscode/test-electron's runTests loads as
// extensionTestsPath, and that test/vscode/it.mjs loads in code-server. Mocha, TDD interface.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  const resultFile = process.env.CLINICAL_CODER_IT_RESULT;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures };
      const line = `${s.passes ?? 0} passed, ${s.failures ?? failures} failed`;
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passed: s.passes ?? 0, failed: s.failures ?? failures, node: process.version }));
      console.log(line);
      if (failures) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
  });
}
