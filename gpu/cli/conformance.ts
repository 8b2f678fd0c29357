// npm run conformance -- FILE.json [--backend webgpu|wasm|cpu|cpu64] [--threads N]
import { readFileSync } from 'node:fs';
import { parseCaseFile, runCase } from '../conformance';
import { Engine } from '../tensor';
import { fail, parseArgs } from './args';
import { BACKEND_NAMES, createBackend, isBackendName, threadsOption } from './backend-choice';

async function main() {
  const { options, positional } = parseArgs(process.argv.slice(2));
  for (const name of options.keys()) if (name !== 'backend' && name !== 'threads') fail(`unknown option --${name}`);
  const backendName = options.get('backend') ?? 'webgpu';
  if (!isBackendName(backendName)) fail(`--backend must be one of ${BACKEND_NAMES.join(', ')}`);
  const threads = threadsOption(options, backendName);
  if (typeof threads === 'string') fail(threads);
  if (positional.length !== 1) fail('usage: npm run conformance -- FILE.json [--backend webgpu|wasm|cpu|cpu64] [--threads N]');

  let text: string;
  try {
    text = readFileSync(positional[0], 'utf8');
  } catch (error) {
    fail(`cannot read ${positional[0]}: ${(error as Error).message}`);
  }
  let cases;
  try {
    cases = parseCaseFile(text).cases;
  } catch (error) {
    fail(`${positional[0]}: ${(error as Error).message}`);
  }

  const backend = await createBackend(backendName, threads);
  const engine = new Engine(backend);
  let passed = 0;
  for (const c of cases) {
    const r = await runCase(engine, c);
    if (r.passed) passed++;
    const errors = `max abs ${r.maxAbsError.toExponential(2)}  max rel ${r.maxRelError.toExponential(2)}`;
    console.log(`${r.passed ? 'PASS' : 'FAIL'}  ${c.name.padEnd(34)} ${errors}${r.detail ? `  ${r.detail}` : ''}`);
  }
  const summary = {
    backend: backend.kind,
    adapter: backend.adapter,
    cases: cases.length,
    passed,
    failed: cases.length - passed,
  };
  backend.destroy();
  console.log(JSON.stringify(summary));
  process.exit(summary.failed === 0 ? 0 : 1);
}

main().catch((error) => fail((error as Error).message));
