import { deadlinesCommand } from './cli/deadlines.ts';
import { reportCommand } from './cli/report.ts';
import { tokenCommand } from './cli/token.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Command {
  summary: string;
  run(argv: readonly string[]): CommandResult | Promise<CommandResult>;
}

/** Subcommands by name; each gets the arguments after its name. */
export const commands: Record<string, Command> = {
  deadlines: deadlinesCommand,
  report: reportCommand,
  token: tokenCommand,
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `usage: closeloop <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun "closeloop <command> --help" for a command's options.\n`;
}

export async function runCli(argv: readonly string[]): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') return { stdout: usage(), stderr: '', exitCode: 0 };
  const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const problem = name === undefined ? 'no command given' : `unknown command "${name}"`;
    return { stdout: '', stderr: `closeloop: ${problem}\n\n${usage()}`, exitCode: 2 };
  }
  return command.run(rest);
}

/** The process edge: the only place that touches stdout, stderr and the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    const result = await runCli(argv);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`closeloop: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
