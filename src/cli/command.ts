/** One `clinical-coder` subcommand. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for bad command-line input; printed without a stack trace. */
export class UsageError extends Error {}

/** Minimal flag parser: `--key value`, `--key=value`, boolean `--flag`, and positionals. */
export function parseFlags(args: string[], booleans: readonly string[] = []): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) { flags.set(a.slice(2, eq), a.slice(eq + 1)); continue; }
      const key = a.slice(2);
      if (booleans.includes(key) || i + 1 >= args.length || args[i + 1].startsWith('--')) flags.set(key, true);
      else flags.set(key, args[++i]);
    } else positionals.push(a);
  }
  return { flags, positionals };
}
