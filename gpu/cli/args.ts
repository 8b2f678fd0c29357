/** `--name value` and `--flag` pairs, plus positional arguments; unknown names are the caller's to reject. */
export function parseArgs(argv: string[]): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      // Only the first "=" separates: `--name=a=b` is the value "a=b".
      const equals = arg.indexOf('=');
      const next = argv[i + 1];
      if (equals >= 0) options.set(arg.slice(2, equals), arg.slice(equals + 1));
      else if (next !== undefined && !next.startsWith('--')) options.set(arg.slice(2), argv[++i]);
      else options.set(arg.slice(2), 'true');
    } else positional.push(arg);
  }
  return { options, positional };
}

/** Prints the message and exits with status 2: how every CLI refuses bad input. */
export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}
