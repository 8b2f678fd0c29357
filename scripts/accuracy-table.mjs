// Trains every configuration of issue 3's targets with `npm run train` (WebGPU) and prints a
// Markdown table beside PyTorch's figures from shared/reference/pytorch-mnist.md.
// Usage: node scripts/accuracy-table.mjs [--only activation/loss,...] > table.md   (about an hour on 2 cores)
import { execFileSync } from 'node:child_process';

const PYTORCH = {
  relu: { 'cross-entropy': 95.4, mse: 95.04, bce: 94.66 },
  leaky_relu: { 'cross-entropy': 95.57, mse: 95.35, bce: 94.93 },
  sigmoid: { 'cross-entropy': 94.37, mse: 94.4, bce: 93.33 },
  tanh: { 'cross-entropy': 95.79, mse: 95.55, bce: 93.66 },
  gelu: { 'cross-entropy': 96.27, mse: 95.77, bce: 96.06 },
  gelu_tanh: { 'cross-entropy': 96.27, mse: 95.75, bce: 96.11 },
  silu: { 'cross-entropy': 96.36, mse: 95.78, bce: 96.5 },
  elu: { 'cross-entropy': 96.08, mse: 95.25, bce: 95.86 },
};

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;

function train(args) {
  const out = execFileSync('npx', ['vite-node', 'gpu/cli/train.ts', '--', ...args, '--loss-every', '100'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const result = JSON.parse(out.trim().split('\n').at(-1));
  return { accuracy: result.test_accuracy * 100, rate: result.samples_per_s };
}

const rows = [];
for (const [activation, byLoss] of Object.entries(PYTORCH)) {
  for (const [loss, reference] of Object.entries(byLoss)) {
    if (only && !only.includes(`${activation}/${loss}`)) continue;
    const { accuracy } = train(['--activation', activation, '--loss', loss, '--normalize', 'symmetric', '--epochs', '3', '--seed', '1']);
    const line = `| ${activation} | ${loss} | ${accuracy.toFixed(2)} | ${reference.toFixed(2)} | ${(accuracy - reference).toFixed(2)} |`;
    console.error(line);
    rows.push(line);
  }
}
console.log('| activation | loss | gradlab % | PyTorch % | difference |\n| --- | --- | ---: | ---: | ---: |');
console.log(rows.join('\n'));
