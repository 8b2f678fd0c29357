// npm run train -- --activation relu --loss cross-entropy --optimizer adam --lr 1e-3 --batch 128 --epochs 3 --hidden 128 --seed 1
// and --stats [N]: the layers' statistics after each epoch (and every N steps).
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { Engine } from '../tensor';
import { validateConfig } from '../train/config';
import { capacityOf } from '../train/memory';
import { uploadMnist } from '../train/device-data';
import type { NormStats, ProbeStats } from '../stats/types';
import { Trainer, type StatsOptions } from '../train/trainer';
import { fail, parseArgs } from './args';
import { BACKEND_NAMES, createBackend, isBackendName } from './backend-choice';
import { layerStatsJson, layerStatsLines, parseStatsFlag } from './layer-stats';
import { KNOWN_OPTIONS, USAGE as OPTIONS_USAGE, configFrom } from './train-options';

const USAGE = `${OPTIONS_USAGE}
  --stats [N]   (after each epoch, and every N steps: the layers' gradient norms and update ratios,
                 the hidden layers' dead and saturated units on the first 1000 test images)`;

function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

async function main() {
  const { options, positional } = parseArgs(process.argv.slice(2));
  if (options.has('help')) {
    console.log(USAGE);
    return;
  }
  for (const name of options.keys()) if (!KNOWN_OPTIONS.has(name) && name !== 'stats') fail(`unknown option --${name}\n${USAGE}`);
  const statsFlag = parseStatsFlag(options.get('stats'));
  if (typeof statsFlag === 'string') fail(statsFlag);
  if (positional.length > 0) fail(`unexpected argument "${positional[0]}"\n${USAGE}`);
  const backendName = options.get('backend') ?? 'webgpu';
  if (!isBackendName(backendName)) fail(`--backend must be one of ${BACKEND_NAMES.join(', ')}`);
  const config = configFrom(options);
  const early = Object.values(validateConfig(config));
  if (early.length > 0) fail(early.join('\n'));

  const backend = await createBackend(backendName);
  const late = Object.values(validateConfig(config, capacityOf(backend)));
  if (late.length > 0) fail(late.join('\n'));
  const engine = new Engine(backend);
  const trainer = new Trainer(engine, uploadMnist(engine, await loadMnistFromNodeModules()), config);
  console.error(`training on ${backend.kind} (${backend.adapter}): ${JSON.stringify(config)}`);

  const started = performance.now();
  let lastLoss = NaN;
  let lastRate = 0;
  let accuracy = NaN;
  const stepsPerEpoch = trainer.stepsPerEpoch;
  // The latest layer statistics; an epoch's own are printed under its test accuracy.
  const latest: { stats: { norms: NormStats; health: ProbeStats } | null } = { stats: null };
  const printStats = () => {
    if (latest.stats) console.log(layerStatsLines(trainer.model.sizes, latest.stats.norms, latest.stats.health).join('\n'));
  };
  const stats: StatsOptions | undefined = statsFlag
    ? {
        every: statsFlag.every ?? undefined,
        report: ({ step, norms, health }) => {
          latest.stats = { norms, health };
          if (step % stepsPerEpoch === 0) return;
          process.stderr.write('\n');
          printStats();
        },
      }
    : undefined;
  await trainer.run((e) => {
    if (e.type === 'step') {
      lastLoss = e.loss;
      lastRate = e.samplesPerSec;
      const inEpoch = e.step - e.epoch * stepsPerEpoch;
      process.stderr.write(
        `\repoch ${e.epoch + 1}/${config.epochs} ${progressBar(inEpoch / stepsPerEpoch)} ` +
          `loss ${e.loss.toFixed(4)}  ${Math.round(e.samplesPerSec)} samples/s   `,
      );
    } else {
      accuracy = e.testAccuracy;
      process.stderr.write('\n');
      console.log(`epoch ${e.epoch}: test accuracy ${(e.testAccuracy * 100).toFixed(2)} %  test loss ${e.testLoss.toFixed(4)}`);
      printStats();
    }
  }, undefined, stats);
  const seconds = (performance.now() - started) / 1000;
  const result = {
    config,
    test_accuracy: accuracy,
    train_loss: lastLoss,
    // Rows trained over training time: the test evaluations are not in it.
    samples_per_s: Math.round(trainer.throughput.overall),
    last_samples_per_s: Math.round(lastRate),
    seconds: Number(seconds.toFixed(1)),
    backend: backend.kind,
    adapter: backend.adapter,
    ...(latest.stats && { layer_stats: layerStatsJson(latest.stats.norms, latest.stats.health) }),
  };
  trainer.dispose();
  backend.destroy();
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((error) => fail((error as Error).message));
