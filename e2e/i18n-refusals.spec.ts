// What the worker says of a run it will not train, and what it saw of a run that diverged, is said
// in the page's language of the moment: a switch re-words it (the run's name and the problem in it
// too), and a diverged run read back after a reload is worded in the language of the reload.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ON_WEBGPU, button, choose, fillSettings, openPlayground, runRows, status } from './playground';

const incident = (page: Page, kind: string) => page.locator(`[data-testid="incident"][data-kind="${kind}"]`);

const REFUSAL = {
  en: 'Run 3 of 3 (ReLU · cross-entropy · Adam 500 · 16 · batch 128) cannot be trained here: learning rate must be a number from 0.000001 to 100',
  zh: '3 个运行中的第 3 个（ReLU · 交叉熵 · Adam 500 · 16 · 批量 128）无法在这里训练：学习率必须是 0.000001 到 100 之间的数',
};

test('a comparison the worker refuses is said in English, in Chinese after a switch, and back', async ({ page }) => {
  await openPlayground(page, `${ON_WEBGPU}&lang=en`);
  // Learning rate 50 ×10 is 500: beyond what a run may have, which the worker checks before it builds anything.
  await fillSettings(page, { 'Learning rate': '50', 'Hidden layers': '16' });
  await choose(page, 'Compare', 'Learning rates: ×0.1, ×1, ×10');
  await button(page, 'Train comparison').click();
  const refusal = page.getByTestId('command-error');
  await expect(refusal).toContainText(`Could not start the comparison: ${REFUSAL.en}`);
  expect((await status(page)).runs, 'nothing was built').toEqual([]);
  await expect(runRows(page)).toHaveCount(0);

  await page.getByLabel('Language').selectOption('zh');
  await expect(refusal).toContainText('无法开始比较');
  await expect(refusal).toContainText(REFUSAL.zh);
  await expect(refusal).not.toContainText('cannot be trained');

  await page.getByLabel('语言').selectOption('en');
  await expect(refusal).toContainText(REFUSAL.en);
});

test('what a diverged run showed is said again after a switch, and after a reload in the language of the page', async ({ page }) => {
  await openPlayground(page, `${ON_WEBGPU}&lang=en`);
  await choose(page, 'Optimizer', 'SGD');
  // Two ReLU layers at learning rate 100: the loss is NaN within ten steps.
  await fillSettings(page, { 'Learning rate': '100', 'Hidden layers': '128,128', 'Batch size': '64' });
  await button(page, 'Train').click();
  const notice = incident(page, 'diverged');
  await expect(notice).toContainText('the training loss became NaN', { timeout: 30_000 });
  const row = runRows(page).first();
  await expect(row).toContainText('the training loss became NaN');

  await page.getByLabel('Language').selectOption('zh');
  await expect(notice).toContainText('训练损失变成了 NaN');
  await expect(row).toContainText('训练损失变成了 NaN');
  await expect(row).not.toContainText('the training loss became');

  // The run comes back from storage; the address keeps the language.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  const stored = runRows(page).first();
  await expect(stored).toHaveAttribute('data-state', 'diverged');
  await expect(stored).toContainText('训练损失变成了 NaN');
  await page.getByLabel('语言').selectOption('en');
  await expect(stored).toContainText('the training loss became NaN');
  await expect(stored).not.toContainText('训练损失');
});
