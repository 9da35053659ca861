// `clinical-coder lsp`: runs the language server on stdio for any LSP editor (Neovim, Helix, Emacs, ...).
// Same as `node dist/server.js --stdio`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveProjectRoot } from '../../common/paths';
import { type CliCommand, UsageError } from '../command';

export const lspCommand: CliCommand = {
  name: 'lsp',
  summary: 'Run the language server on stdio for any LSP-capable editor',
  usage: 'clinical-coder lsp [--stdio]\n\nSpeaks LSP over stdin/stdout (the same server VS Code uses). Configure your editor to start\n`clinical-coder lsp` (or `node dist/server.js --stdio`) for plain-text and markdown notes.',
  async run(args) {
    const extra = args.filter((a) => a !== '--stdio');
    if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
    const server = path.join(resolveProjectRoot(), 'dist', 'server.js');
    if (!fs.existsSync(server)) throw new Error(`${server} not found: run "npm run build" first.`);
    return new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'inherit' });
      child.on('exit', (code) => resolve(code ?? 0));
      child.on('error', (err) => { console.error(`clinical-coder lsp: ${err.message}`); resolve(1); });
    });
  },
};
