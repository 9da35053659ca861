import type { CliCommand } from '../command';
import { lspCommand } from './lsp';
import { contextCommand } from './context';
import { lookupCommand } from './lookup';
import { searchCommand } from './search';
import { codeCommand } from './code';
import { evalCommand } from './eval';
import { rulesCommand } from './rules';

/** Every `clinical-coder` subcommand, in the order `--help` lists them. Add new ones here. */
export const commands: CliCommand[] = [
  contextCommand,
  lspCommand,
  lookupCommand,
  searchCommand,
  codeCommand,
  evalCommand,
  rulesCommand,
];
