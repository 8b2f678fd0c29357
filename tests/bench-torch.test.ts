// The driver's link to native PyTorch (scripts/bench-torch.ts), against stand-in scripts run by
// Node that speak the protocol of scripts/pytorch-bench.py: a line of JSON each way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTorch, type TorchLink } from '../scripts/bench-torch';

const dir = mkdtempSync(join(tmpdir(), 'bench-torch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const speaking = script(
  'speaking.mjs',
  `import { createInterface } from 'node:readline';
console.log(JSON.stringify({ torch: '9.9', blas: 'stand-in', referenceBlas: true }));
let threads = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  let reply = { value: 0 };
  if ('open' in request) reply = { value: (threads = request.open.threads) };
  else if ('run' in request) reply = threads ? { value: request.run * 3 } : { error: 'ValueError: run before open' };
  console.log(JSON.stringify(reply));
}
`,
);

describe('startTorch', () => {
  it('says which torch answers, and answers each call in turn', async () => {
    const link = (await startTorch(process.execPath, speaking)) as TorchLink;
    try {
      expect(link.info).toEqual({ torch: '9.9', blas: 'stand-in', referenceBlas: true });
      await expect(link.call({ run: 1 })).rejects.toThrow('pytorch-bench.py: ValueError: run before open');
      expect(await link.call({ open: { batchSize: 64, threads: 2 } })).toBe(2);
      expect(await Promise.all([link.call({ run: 5 }), link.call({ run: 7 })])).toEqual([15, 21]);
      expect(await link.call({ close: true })).toBe(0);
    } finally {
      link.close();
    }
  });

  it('names a missing torch and the command that installs it', async () => {
    const noTorch = script('no-torch.mjs', `console.error("ModuleNotFoundError: No module named 'torch'"); process.exit(1);\n`);
    expect(await startTorch(process.execPath, noTorch)).toEqual({ missing: `${process.execPath} has no torch (apt-get install python3-torch)` });
  });

  it('passes on any other reason the script stopped, and a missing interpreter', async () => {
    const failing = script('failing.mjs', `console.error('first'); console.error('FileNotFoundError: mnist'); process.exit(2);\n`);
    expect(await startTorch(process.execPath, failing)).toEqual({ missing: `${process.execPath}: FileNotFoundError: mnist` });
    expect(await startTorch(join(dir, 'no-python'), speaking)).toEqual({ missing: `${join(dir, 'no-python')} does not exist` });
  });
});
