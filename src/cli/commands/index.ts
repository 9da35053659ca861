import type { CliCommand } from '../command';

/** Every `clinical-coder` subcommand, in the order `--help` lists them. Add new ones here. */
export const commands: CliCommand[] = [];
