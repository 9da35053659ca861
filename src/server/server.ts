// Entry point of dist/server.js: the Clinical Coder language server, or — when started as a worker thread
// by the server itself — its coding-engine worker (one bundle, so the VSIX ships no extra file).
// `node dist/server.js --stdio` runs the server for any LSP client; VS Code starts it over IPC.
// First: the native runtime's telemetry off before anything can load it.
import '../encoder/runtime-telemetry';
import { isMainThread, workerData } from 'node:worker_threads';
import { ENGINE_WORKER_ROLE } from './engineProtocol';
import { runEngineWorker } from './engineWorker';
import { startLanguageServer, VERSION } from './languageServer';

const USAGE = `clinical-coder language server ${VERSION}
Usage: node dist/server.js --stdio          (any LSP client; or --node-ipc, --socket=<port>)
Settings come from workspace/configuration (section "clinicalCoder") or initializationOptions.settings.`;

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ENGINE_WORKER_ROLE) {
  void runEngineWorker();
} else {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) { console.log(USAGE); process.exit(0); }
  if (argv.includes('--version')) { console.log(VERSION); process.exit(0); }
  if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a)) && !process.send) {
    console.error(`No transport given.\n${USAGE}`);
    process.exit(2);
  }
  // This file is the worker script too (dist/server.js, or src/server/server.ts under tsx).
  startLanguageServer(__filename);
}
