// Native PyTorch for the bench page: scripts/pytorch-bench.py as one long-lived process that the
// page calls through the driver (window.torchCall), a line of JSON each way, so that PyTorch takes
// its turn in the page's rounds instead of running after them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TorchCall, TorchInfo } from '../bench/results';

export interface TorchLink {
  info: Extract<TorchInfo, { torch: string }>;
  call(call: TorchCall): Promise<number>;
  close(): void;
}

/** The last line the script wrote to stderr, in words a reader can act on. */
function whyItStopped(python: string, stderr: string, status: number | null): string {
  const last = stderr.trim().split('\n').at(-1) || `exit status ${status}`;
  return last.includes("No module named 'torch'") ? `${python} has no torch (apt-get install python3-torch)` : `${python}: ${last}`;
}

/** The script started and ready, or why there are no PyTorch rows. */
export async function startTorch(python: string, script: string): Promise<TorchLink | { missing: string }> {
  if (!existsSync(python)) return { missing: `${python} does not exist` };
  const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const spawnError = new Promise<string>((resolve) => child.once('error', (error) => resolve(`${python} could not be run: ${error.message}`)));
  const exited = new Promise<string>((resolve) => child.once('close', (status) => resolve(whyItStopped(python, stderr, status))));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await Promise.race([lines.next(), spawnError.then((why) => Promise.reject(new Error(why)))]);
    if (line.done) throw new Error(await exited);
    return JSON.parse(line.value) as Record<string, unknown>;
  };

  let hello: Record<string, unknown>;
  try {
    hello = await next();
  } catch (error) {
    child.kill();
    return { missing: (error as Error).message };
  }
  // One call at a time: each answer is the next line.
  let previous: Promise<unknown> = Promise.resolve();
  const call = (request: TorchCall): Promise<number> => {
    const answer = previous.then(async () => {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      const reply = await next();
      if (typeof reply.error === 'string') throw new Error(`pytorch-bench.py: ${reply.error}`);
      return reply.value as number;
    });
    previous = answer.catch(() => undefined);
    return answer;
  };
  return { info: { torch: String(hello.torch), blas: String(hello.blas), referenceBlas: hello.referenceBlas === true }, call, close: () => child.stdin.end() };
}
