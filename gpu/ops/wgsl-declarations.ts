// Picking from a WGSL library only what a shader calls. Compile time on SwiftShader grows with the
// functions a module holds, called or not (Dawn for Node, on the first step's two epilogue stand-ins
// before every matmul's became one pipeline: ~200 ms of CPU with all nine activations' functions,
// ~160 ms with relu's alone), and the first training step waits for its pipelines' compiles.

/** A top-level `fn` or `const` at the start of a line, and its name. */
const DECLARATION = /^(?:fn|const)\s+(\w+)/;

interface Declaration {
  name: string;
  lines: string[];
}

/** The source's top-level declarations, each with the comment lines right above it. */
function declarationsOf(source: string): Declaration[] {
  const declarations: Declaration[] = [];
  let comments: string[] = [];
  for (const line of source.split('\n')) {
    const name = DECLARATION.exec(line)?.[1];
    if (name) {
      declarations.push({ name, lines: [...comments, line] });
      comments = [];
    } else if (line.startsWith('//')) comments.push(line);
    else if (line.trim() === '') comments = [];
    else declarations.at(-1)?.lines.push(line);
  }
  return declarations;
}

/**
 * The declarations of `source` (a library of `fn`s and `const`s written one per top-level line
 * start) that `roots` use, directly or through each other, in the order `source` has them.
 */
export function declarationsUsedBy(source: string, roots: readonly string[]): string {
  const declarations = declarationsOf(source);
  const byName = new Map(declarations.map((d) => [d.name, d]));
  for (const root of roots) if (!byName.has(root)) throw new Error(`the WGSL library declares no "${root}"`);
  const used = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    const code = byName.get(name)!.lines.map((line) => line.replace(/\/\/.*/, '')).join('\n');
    for (const word of code.match(/\b\w+\b/g) ?? []) if (byName.has(word) && !used.has(word)) pending.push(word);
  }
  return declarations
    .filter((d) => used.has(d.name))
    .map((d) => d.lines.join('\n'))
    .join('\n');
}
