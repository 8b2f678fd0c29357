// npm run bench:submit [-- --browser] [-- --reps N] [-- --steps N]: what a queue submission costs
// on this machine's WebGPU, the figure that decides whether submitting several training steps at
// once would pay. A "step" is 17 tiny dispatches (a batch-64 step's count, with next to no
// arithmetic in them); the same steps are submitted one a submission and eight a submission, taking
// turns, each way keeping about four steps in flight. Prints ms a step, median [min–max], and
// their difference: 7/8 of a submission's cost. On Dawn in Node, or with --browser in headless
// Chromium (WebGPU on SwiftShader, as the e2e specs run it). Asserts nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { chromium } from 'playwright';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU } from '../e2e/chromium';
import { fail, parseArgs } from '../gpu/cli/args';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import probeWgsl from '../shaders/submit_probe.wgsl';

interface Timings {
  one: number[];
  eight: number[];
}

/**
 * Self-contained, since Playwright runs it in the page from its source text (so the kernel comes as
 * an argument). Takes the device itself in Node, or requests one in the page.
 */
async function measure({ reps, steps, code, device: given }: { reps: number; steps: number; code: string; device?: GPUDevice }): Promise<Timings> {
  const device = given ?? (await (await navigator.gpu.requestAdapter())!.requestDevice());
  const module = device.createShaderModule({ code });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const buffer = device.createBuffer({ size: 64 * 16 * 4, usage: GPUBufferUsage.STORAGE });
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer } }] });
  const msPerStep = async (count: number, perSubmission: number) => {
    const inFlight: Promise<unknown>[] = [];
    const start = performance.now();
    let encoder: GPUCommandEncoder | null = null;
    for (let s = 1; s <= count; s++) {
      encoder ??= device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let d = 0; d < 17; d++) {
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(16);
      }
      pass.end();
      if (s % perSubmission !== 0) continue;
      device.queue.submit([encoder.finish()]);
      encoder = null;
      inFlight.push(device.queue.onSubmittedWorkDone());
      while (inFlight.length > Math.max(1, Math.ceil(4 / perSubmission))) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return (performance.now() - start) / count;
  };
  await msPerStep(steps, 1);
  const timings: Timings = { one: [], eight: [] };
  for (let r = 0; r < reps; r++) {
    timings.one.push(await msPerStep(steps, 1));
    timings.eight.push(await msPerStep(steps, 8));
  }
  buffer.destroy();
  return timings;
}

async function inChromium(reps: number, steps: number): Promise<Timings> {
  // A page from 127.0.0.1 is a secure context, which WebGPU needs; any free port.
  const server = createServer((_, response) => response.end('<!doctype html><title>bench:submit</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, ...SWIFTSHADER_WEBGPU] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return await page.evaluate(measure, { reps, steps, code: probeWgsl });
  } finally {
    await browser.close();
    server.close();
  }
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(3);
  return `${ms(sorted[Math.floor(sorted.length / 2)])} [${ms(sorted[0])}–${ms(sorted[sorted.length - 1])}]`;
};

const { options } = parseArgs(process.argv.slice(2));
const reps = Number(options.get('reps') ?? 9);
const steps = Number(options.get('steps') ?? 400);
if (!Number.isInteger(reps) || reps < 1) fail(`--reps needs a whole number ≥ 1, not ${options.get('reps')}`);
if (!Number.isInteger(steps) || steps < 8 || steps % 8 !== 0) fail(`--steps needs a whole multiple of 8, not ${options.get('steps')}`);

const loadAtStart = loadavg()[0];
const browser = options.has('browser');
let timings: Timings;
if (browser) timings = await inChromium(reps, steps);
else {
  const backend = await nodeWebGpuBackend();
  timings = await measure({ reps, steps, code: probeWgsl, device: backend.device });
  backend.destroy();
}
const saved = timings.one.map((one, i) => one - timings.eight[i]);
console.log(`${browser ? 'Chromium' : 'Dawn (Node)'}, ${reps} reps of ${steps} steps of 17 tiny dispatches, load ${loadAtStart.toFixed(2)} → ${loadavg()[0].toFixed(2)}:`);
console.log(`  one step a submission ${spread(timings.one)} ms a step; eight a submission ${spread(timings.eight)}; saved ${spread(saved)} ms a step`);
console.log(JSON.stringify({ browser, reps, steps, ...timings, loadAverage: [loadAtStart, loadavg()[0]] }));
process.exit(0);
