// What the random walk can do on the playground, chosen among what the page allows at that moment
// (as walk-view.ts reads it). Everything goes through what a user sees (roles, labels,
// test ids) and the ?debug handle, so that the walk survives changes to the worker behind the page.
import { errors, type Locator, type Page } from '@playwright/test';
import { expect } from './fixtures';
import { waitForPlayground } from './playground';
import type { Random } from './seeded-random';
import { readView, type PageView } from './walk-view';

export interface Action {
  weight: number;
  /** Does it, and says what it did (for the log and a failure's report). */
  run(page: Page, random: Random): Promise<string>;
}

/**
 * Values typed into each setting: the valid ones keep runs short (small networks, mostly large
 * batches, one epoch: a run finishes in seconds on SwiftShader; a learning rate of 2 makes
 * divergence and its rollback happen now and then), the invalid ones are of every kind the form
 * must refuse with a message.
 */
const FIELD_VALUES: Record<string, { valid: string[]; invalid: string[] }> = {
  'Learning rate': { valid: ['0.001', '0.003', '0.01', '0.0005', '2'], invalid: ['fast', '-0.01', '0', '', '1e', '101', 'NaN', 'Infinity', '0.01.5'] },
  'Batch size': { valid: ['32', '128', '256', '256'], invalid: ['0', '-32', '12.5', 'many', '', '8193', '1e'] },
  'Hidden layers': { valid: ['16', '32', '16,16', '32,16', ''], invalid: ['32,x', '0', '-16', '1.5', 'abc', '16,,16'] },
  Epochs: { valid: ['1'], invalid: ['0', '-1', 'two', '1.5', '', '1001'] },
  Seed: { valid: ['0', '1', '7', '12345'], invalid: ['-1', '1.5', 'x', '', '4294967296'] },
};
/** Valid more often than not, so that Train is possible most of the time. */
const VALID_SHARE = 0.6;

/**
 * Pause less often than Resume, so that runs get far enough to finish now and then; deleting,
 * races of up to eight runs and downloads now and then.
 */
const BUTTON_WEIGHTS: Record<string, number> = {
  Train: 5,
  Step: 4,
  Resume: 6,
  Pause: 2,
  Clear: 3,
  'Train comparison': 1,
  'Download CSV': 0.5,
  'Download JSON': 0.5,
  'Copy link': 0.3,
  'Show inside the network': 1,
  'Hide inside the network': 0.5,
  // Views of what is there: the runs table's sort headers, the chart as a table, a drawing's image.
  Name: 0.2,
  State: 0.2,
  Epoch: 0.2,
  'Test accuracy': 0.2,
  'Test loss': 0.2,
  Time: 0.2,
  'Show as table': 0.5,
  'Hide the table': 0.5,
  'Use a test image': 1,
  'Evaluate now': 1,
};
/** Buttons of which there are many, named after their run ("Delete ReLU · …") or their image: weighed by what they do, all together. */
const PATTERN_BUTTON_WEIGHTS: [name: RegExp, weight: number][] = [
  [/^Resume /, 2],
  [/^Pause /, 1],
  [/^Delete /, 0.3],
  [/^Rename /, 0.3],
  [/^Use these settings/, 0.5],
  [/^Export weights/, 0.3],
  // Images ("Test image 17, a 3, …"): the test strip's eight, and a confusion cell's list.
  [/^Test image /, 0.2],
  // The confusion matrix's hundred cells ("3 read as 5: …"), about as likely together as Step.
  [/^\d read as \d: /, 0.04],
  // A run's name, which selects it.
  [/ · batch \d+/, 0.5],
];

function buttonWeight(name: string): number {
  return BUTTON_WEIGHTS[name] ?? PATTERN_BUTTON_WEIGHTS.find(([pattern]) => pattern.test(name))?.[1] ?? OTHER_BUTTON_WEIGHT;
}
/** Buttons that come and go with incidents: Roll back…, Retry, Start again. */
const OTHER_BUTTON_WEIGHT = 3;
/** A lost device (about 5 s to move) and a reload (about 6 s) are rare enough to keep the walk within 3 minutes here. */
const WEIGHTS = { fold: 1, type: 3, enter: 1, choose: 2, draw: 4, toggle: 1, point: 1, watch: 2, loseDevice: 1, reload: 0.5 };

/** A control that the page disabled between reading the view and acting on it is skipped, not waited for. */
const ACT_TIMEOUT_MS = 2000;
const VERDICT_TIMEOUT_MS = 5000;
const DEVICE_LOSS_NOTICED_MS = 5000;
const RECOVERY_MS = 60_000;
const WATCH_MS = 6000;

/** Runs `act`; a timeout on a control that is now disabled or gone means the page moved on first. */
async function unlessDisabledMeanwhile(target: Locator, act: () => Promise<void>): Promise<string> {
  // Gone, or renamed (a test image's name says how sure the model is, and training changes it).
  if ((await target.count()) === 0) return ' (skipped: gone meanwhile)';
  try {
    await act();
    return '';
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    // Disabled (or gone) now, or disabled while Playwright waited: a pending command disables a
    // run's buttons until the worker answers, and the answer may re-enable them after the timeout.
    const disabled = (await target.count()) === 0 || (await target.first().isDisabled()) || error.message.includes('element is not enabled');
    if (disabled) return ' (skipped: disabled meanwhile)';
    throw error;
  }
}

function clickButton(name: string): Action {
  return {
    weight: buttonWeight(name),
    async run(page) {
      const target = page.getByRole('button', { name, exact: true });
      return `click "${name}"${await unlessDisabledMeanwhile(target, () => target.first().click({ timeout: ACT_TIMEOUT_MS }))}`;
    },
  };
}

/** Opens or closes one of the folds (More settings, PyTorch code, an activation's values). */
const toggleFold: Action = {
  weight: WEIGHTS.fold,
  async run(page, random) {
    const summaries = page.locator('details > summary').filter({ visible: true });
    const count = await summaries.count();
    if (count === 0) return 'open or close a fold (skipped: gone meanwhile)';
    const summary = summaries.nth(random.int(0, count - 1));
    const name = (await summary.textContent())?.trim() ?? '';
    return `open or close "${name}"${await unlessDisabledMeanwhile(summary, () => summary.click({ timeout: ACT_TIMEOUT_MS }))}`;
  },
};

/** Types a value as a person would, key by key after clearing the field, and checks the form's verdict on it. */
function typeInto(label: string, values: { valid: string[]; invalid: string[] }): Action {
  return {
    weight: WEIGHTS.type,
    async run(page, random) {
      const valid = random.chance(VALID_SHARE);
      const value = random.pick(valid ? values.valid : values.invalid);
      const box = page.getByRole('textbox', { name: label, exact: true });
      const done = `type "${value}" into ${label} (${valid ? 'valid' : 'invalid'})`;
      const skipped = await unlessDisabledMeanwhile(box, async () => {
        await box.fill('', { timeout: ACT_TIMEOUT_MS });
        await box.pressSequentially(value, { timeout: ACT_TIMEOUT_MS });
      });
      if (skipped) return done + skipped;
      // A rollback may set the learning rate field meanwhile: the verdict is then on its value, not ours.
      const verdict = () =>
        box.evaluate((input: HTMLInputElement) => ({
          value: input.value,
          invalid: input.getAttribute('aria-invalid') === 'true',
          message: document.getElementById(input.getAttribute('aria-errormessage') ?? '')?.textContent?.trim() ?? '',
        }));
      const expected = valid ? 'accepted' : 'refused with a message';
      await expect
        .poll(async () => {
          const seen = await verdict();
          if (seen.value !== value) return expected;
          return seen.invalid ? (seen.message ? 'refused with a message' : 'refused without a message') : 'accepted';
        }, { message: `the form's verdict on "${value}" in ${label}`, timeout: VERDICT_TIMEOUT_MS })
        .toBe(expected);
      return done;
    },
  };
}

function pressEnterIn(label: string): Action {
  return {
    weight: WEIGHTS.enter,
    async run(page) {
      const box = page.getByRole('textbox', { name: label, exact: true });
      return `press Enter in ${label}${await unlessDisabledMeanwhile(box, () => box.press('Enter', { timeout: ACT_TIMEOUT_MS }))}`;
    },
  };
}

function chooseIn(label: string, options: string[]): Action {
  return {
    weight: WEIGHTS.choose,
    async run(page, random) {
      const option = random.pick(options);
      const select = page.getByRole('combobox', { name: label, exact: true });
      return `choose "${option}" in ${label}${await unlessDisabledMeanwhile(select, async () => {
        await select.selectOption(option, { timeout: ACT_TIMEOUT_MS });
      })}`;
    },
  };
}

function toggle(label: string): Action {
  return {
    weight: WEIGHTS.toggle,
    async run(page) {
      // Two runs of the same settings have the same name, and so checkboxes of the same label.
      const box = page.getByRole('checkbox', { name: label, exact: true }).first();
      return `toggle ${label}${await unlessDisabledMeanwhile(box, () => box.click({ timeout: ACT_TIMEOUT_MS }))}`;
    },
  };
}

/** Where the mouse goes inside `target`, at a random spot; null when it is not on the page. */
async function randomPointIn(target: Locator, random: Random): Promise<[number, number] | null> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  return box && [box.x + random.next() * box.width, box.y + random.next() * box.height];
}

const draw: Action = {
  weight: WEIGHTS.draw,
  async run(page, random) {
    const pad = page.getByTestId('drawing-pad');
    const strokes = random.int(1, 2);
    for (let stroke = 0; stroke < strokes; stroke++) {
      const [from, to] = [await randomPointIn(pad, random), await randomPointIn(pad, random)];
      if (!from || !to) throw new Error('the drawing pad is not on the page');
      await page.mouse.move(...from);
      await page.mouse.down();
      await page.mouse.move(...to, { steps: random.int(2, 6) });
      await page.mouse.up();
    }
    return `draw ${strokes} stroke${strokes > 1 ? 's' : ''} on the pad`;
  },
};

const pointAtChart: Action = {
  weight: WEIGHTS.point,
  async run(page, random) {
    const at = await randomPointIn(page.getByTestId('loss-chart').locator('svg').first(), random);
    if (at) await page.mouse.move(...at);
    return 'point at the loss chart';
  },
};

/**
 * A driver reset through the debug handle, then what the page promises: it notices at once and
 * moves to a new device. The walk goes on once the move is over (or has failed, which the checks
 * after the action report).
 */
const loseDevice: Action = {
  weight: WEIGHTS.loseDevice,
  async run(page) {
    const noticedAfterMs = await page.evaluate(async (limit) => {
      const lostAt = performance.now();
      window.gradlab!.loseDevice();
      const noticed = () =>
        document.querySelector('[data-testid="phase"]')?.textContent === 'Recovering' ||
        document.querySelector('[data-kind="device-lost"]')?.textContent?.includes('Moving training to a new device');
      await new Promise<void>((resolve, reject) => {
        const look = () => {
          if (noticed()) resolve();
          else if (performance.now() - lostAt > limit) reject(new Error(`the lost device was not noticed within ${limit} ms`));
          else requestAnimationFrame(look);
        };
        look();
      });
      return performance.now() - lostAt;
    }, DEVICE_LOSS_NOTICED_MS);
    await expect
      .poll(async () => {
        const view = await readView(page);
        const moving = view.incidents.some((i) => i.kind === 'device-lost' && i.text.includes('Moving training to a new device'));
        return view.phase !== 'Recovering' && !moving;
      }, { message: 'the page moves to a new device', timeout: RECOVERY_MS })
      .toBe(true);
    return `lose the GPU device (noticed after ${Math.round(noticedAfterMs)} ms)`;
  },
};

/**
 * What a user mostly does: watch it train, until an epoch's result comes in or the run stops (or
 * WATCH_MS pass). Without it the walk's clicks would rarely let a run finish.
 */
const watchTraining: Action = {
  weight: WEIGHTS.watch,
  async run(page) {
    const before = await readView(page);
    const outcome = await page
      .waitForFunction(
        (accuracy) => {
          const shown = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
          if (shown('phase') !== 'Training') return `it stopped (${shown('phase')})`;
          return shown('figure-accuracy') !== accuracy && `test accuracy ${shown('figure-accuracy')}`;
        },
        before.accuracy,
        { timeout: WATCH_MS },
      )
      .then(
        (result) => result.jsonValue(),
        (error: unknown) => {
          if (error instanceof errors.TimeoutError) return `${WATCH_MS} ms passed`;
          throw error;
        },
      );
    return `watch the training until ${outcome}`;
  },
};

const reload: Action = {
  weight: WEIGHTS.reload,
  async run(page) {
    await page.reload();
    await waitForPlayground(page);
    return 'reload the page';
  },
};

/**
 * Selects the walk leaves alone: Backend moves the runs off the WebGPU device the walk tests, and
 * Language changes the words the walk reads the page by (e2e/i18n.spec.ts tests it).
 */
const UNWALKED_SELECTS: ReadonlySet<string> = new Set(['Backend', 'Language']);

/** Every action the page allows now. `webgpu`: the run is on a WebGPU device, which the debug handle can lose. */
export function possibleActions(view: PageView, webgpu: boolean): Action[] {
  const actions = [draw, pointAtChart, reload];
  if (view.folds > 0) actions.push(toggleFold);
  for (const button of view.buttons) if (button.enabled && button.name) actions.push(clickButton(button.name));
  for (const field of view.fields) {
    const values = FIELD_VALUES[field.label];
    if (field.enabled && values) actions.push(typeInto(field.label, values), pressEnterIn(field.label));
  }
  for (const select of view.selects) {
    if (select.enabled && select.options.length > 0 && !UNWALKED_SELECTS.has(select.label)) actions.push(chooseIn(select.label, select.options));
  }
  for (const checkbox of view.checkboxes) if (checkbox.enabled && checkbox.label) actions.push(toggle(checkbox.label));
  if (view.phase === 'Training') actions.push(watchTraining);
  if (view.debug && webgpu) actions.push(loseDevice);
  return actions;
}
