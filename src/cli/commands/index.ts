import type { CliCommand } from '../command';
import { lspCommand } from './lsp';

/** Every `clinical-coder` subcommand, in the order `--help` lists them. Add new ones here. */
export const commands: CliCommand[] = [
  lspCommand,
];
