// Bundles the four entry points (client, server, CLI, webview) plus the benchmark runner into dist/.
// Native and binary dependencies stay external and ship beside the bundle.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const nodeExternal = ['vscode', 'onnxruntime-node', '@huggingface/transformers', 'sharp', '@energetic-ai/*', '@tensorflow/*'];

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist', external: nodeExternal },
  { ...common, entryPoints: { server: 'src/server/server.ts' }, platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist', external: nodeExternal },
  { ...common, entryPoints: { cli: 'src/cli/cli.ts', bench: 'src/cli/bench.ts', 'coder-worker': 'src/cli/coder-worker.ts' }, platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist', external: nodeExternal,
    banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { webview: 'webview/main.ts' }, platform: 'browser', format: 'iife', target: 'es2022', outdir: 'dist' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[esbuild] watching');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`[esbuild] built ${builds.length} bundles in ${Date.now() - t0} ms (${production ? 'production' : 'development'})`);
}
