// npm run train -- --activation relu --loss cross-entropy --optimizer adam --lr 1e-3 --batch 128 --epochs 3 --hidden 128 --seed 1
// and --stats [N]: the layers' statistics after each epoch (and every N steps);
// --load FILE.safetensors to start from saved weights (--epochs 0: only evaluate them), --save FILE.safetensors to keep them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadMnistFromNodeModules } from '../data/mnist-node';
import { checkpointFromImport, earlierTraining, exportModel, importModel } from '../io/model-file';
import { Engine } from '../tensor';
import { validateConfig, type TrainConfig } from '../train/config';
import { capacityOf } from '../train/memory';
import { uploadMnist } from '../train/device-data';
import type { NormStats, ProbeStats } from '../stats/types';
import { Trainer, type StatsOptions } from '../train/trainer';
import { fail, parseArgs } from './args';
import { BACKEND_NAMES, createBackend, isBackendName, threadsOption } from './backend-choice';
import { layerStatsJson, layerStatsLines, parseStatsFlag } from './layer-stats';
import { KNOWN_OPTIONS, USAGE as OPTIONS_USAGE, configFrom, evaluatesOnly, loadedRunConfig, type LoadedRun } from './train-options';

const USAGE = `${OPTIONS_USAGE}
  --stats [N]   (after each epoch, and every N steps: the layers' gradient norms and update ratios,
                 the hidden layers' dead and saturated units on the first 1000 test images)
  --load FILE.safetensors   (start from its weights, with fresh optimiser state: --epochs N more epochs,
                             or --epochs 0 to only evaluate; settings the flags leave out come from the file)
  --save FILE.safetensors   (after training: the weights as PyTorch's nn.Sequential names them)`;

const OWN_OPTIONS = new Set(['stats', 'save', 'load']);

/** The file named by --save or --load, or null without the flag. */
function fileOption(options: Map<string, string>, flag: 'save' | 'load'): string | null {
  const file = options.get(flag);
  if (file === 'true' || file?.trim() === '') fail(`--${flag} needs a file name, like --${flag} model.safetensors`);
  // A run's weights must not be lost to a typo found only after training.
  if (flag === 'save' && file !== undefined && !existsSync(path.dirname(path.resolve(file)))) {
    fail(`--save ${file}: the folder ${path.dirname(path.resolve(file))} does not exist`);
  }
  return file ?? null;
}

/** The weights --load names and what to do with them; the file's problem, if any, ends the run. */
function loadRun(options: Map<string, string>, file: string): { run: LoadedRun; model: ReturnType<typeof importModel> } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    fail(`--load ${file}: ${(error as Error).message}`);
  }
  let model: ReturnType<typeof importModel>;
  try {
    model = importModel(bytes);
  } catch (error) {
    fail(`--load ${file}: ${(error as Error).message}`);
  }
  const run = loadedRunConfig(options, model, file);
  if (typeof run === 'string') fail(run);
  return { run, model };
}

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
  for (const name of options.keys()) if (!KNOWN_OPTIONS.has(name) && !OWN_OPTIONS.has(name)) fail(`unknown option --${name}\n${USAGE}`);
  const statsFlag = parseStatsFlag(options.get('stats'));
  if (typeof statsFlag === 'string') fail(statsFlag);
  if (positional.length > 0) fail(`unexpected argument "${positional[0]}"\n${USAGE}`);
  const backendName = options.get('backend') ?? 'webgpu';
  if (!isBackendName(backendName)) fail(`--backend must be one of ${BACKEND_NAMES.join(', ')}`);
  const threads = threadsOption(options, backendName);
  if (typeof threads === 'string') fail(threads);
  const saveFile = fileOption(options, 'save');
  const loadFile = fileOption(options, 'load');
  if (loadFile === null && evaluatesOnly(options)) {
    fail('--epochs 0 only evaluates a saved model: give it with --load FILE.safetensors');
  }
  const loaded = loadFile === null ? null : loadRun(options, loadFile);
  const config: TrainConfig = loaded?.run.config ?? configFrom(options);
  const early = Object.values(validateConfig(config));
  if (early.length > 0) fail(early.join('\n'));

  const backend = await createBackend(backendName, threads);
  const late = Object.values(validateConfig(config, capacityOf(backend)));
  if (late.length > 0) fail(late.join('\n'));
  const engine = new Engine(backend);
  const data = uploadMnist(engine, await loadMnistFromNodeModules());
  const trainer = loaded
    ? Trainer.restore(engine, data, checkpointFromImport(loaded.model, config, data.train.count))
    : new Trainer(engine, data, config);
  const save = async (testAccuracy: number) => {
    if (saveFile === null) return;
    const checkpoint = await trainer.checkpoint();
    try {
      writeFileSync(saveFile, exportModel(checkpoint, testAccuracy, { earlier: loaded ? earlierTraining(loaded.model) : undefined }));
    } catch (error) {
      fail(`--save ${saveFile}: ${(error as Error).message}`);
    }
    console.error(`saved the weights to ${saveFile}`);
  };
  if (loaded?.run.evaluateOnly) {
    const { accuracy, loss } = await trainer.evaluate();
    console.log(`${loadFile}: test accuracy ${(accuracy * 100).toFixed(2)} %  test loss ${loss.toFixed(4)}`);
    await save(accuracy);
    console.log(JSON.stringify({ config: { ...config, epochs: 0 }, test_accuracy: accuracy, test_loss: loss, backend: backend.kind, adapter: backend.adapter }));
    trainer.dispose();
    backend.destroy();
    process.exit(0);
  }
  console.error(`training on ${backend.kind} (${backend.adapter})${loadFile ? ` from ${loadFile}` : ''}: ${JSON.stringify(config)}`);

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
  await save(accuracy);
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
