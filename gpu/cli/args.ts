/** `--name value` and `--flag` pairs, plus positional arguments; unknown names are the caller's to reject. */
export function parseArgs(argv: string[]): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && !next.startsWith('--')) options.set(name, argv[++i]);
      else options.set(name, 'true');
    } else positional.push(arg);
  }
  return { options, positional };
}

/** Prints the message and exits with status 2: how every CLI refuses bad input. */
export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}
