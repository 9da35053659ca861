// The `clinical-coder` command line: batch coding, evaluation, knowledge-base look-ups.
// First: the native runtime's telemetry off before anything can load it.
import '../encoder/runtime-telemetry';
import { commands } from './commands/index';
import { UsageError } from './command';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'clinical-coder — offline ICD-10-CM coding of clinical notes',
    '',
    'Usage: clinical-coder <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command: clinical-coder help <command>`,
    '',
    'Nothing leaves this machine: no network access is made.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') { console.log(help()); return 0; }
  if (name === '--version' || name === '-v') { console.log(process.env.CLINICAL_CODER_VERSION ?? '0.1.0'); return 0; }
  if (name === 'help') {
    const cmd = commands.find((c) => c.name === rest[0]);
    console.log(cmd ? `${cmd.summary}\n\nUsage: ${cmd.usage}` : help());
    return cmd || !rest[0] ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) { console.error(`clinical-coder: unknown command "${name}". Run "clinical-coder --help" to list commands.`); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { console.log(`${cmd.summary}\n\nUsage: ${cmd.usage}`); return 0; }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) { console.error(`clinical-coder ${name}: ${err.message}\nUsage: ${cmd.usage}`); return 2; }
    console.error(`clinical-coder ${name}: ${(err as Error).message ?? err}`);
    if (process.env.CLINICAL_CODER_DEBUG) console.error(err);
    return 1;
  }
}

if (require.main === module) {
  // `clinical-coder code ... | head`: the reader went away; that ends the output, quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
  }
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
