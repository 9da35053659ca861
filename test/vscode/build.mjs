// Bundles the extension-host test suite (test/vscode/suite/*.ts) into out/test/vscode/ for the real-VS-Code
// layer: loaded by code-server (test/vscode/it.mjs) or by @vscode/test-electron (test/run-electron.ts).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const entryPoints = readdirSync('test/vscode/suite').filter((f) => f.endsWith('.ts')).map((f) => `test/vscode/suite/${f}`);
rmSync('out/test/vscode', { recursive: true, force: true });
await esbuild.build({
  entryPoints, outdir: 'out/test/vscode', bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
});
console.log(`[esbuild] built ${entryPoints.length} extension-host test files into out/test/vscode`);
