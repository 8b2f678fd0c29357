// Which backend trains with WebGPU present (here SwiftShader, a software adapter): Auto's timed
// choice, said with its reason, and WebAssembly asked for by name.
import { expect, test } from './fixtures';
import { button, fillSettings, newestStep, openPlayground, status } from './playground';

test('on SwiftShader Auto times WebGPU against WebAssembly and says which it took, and why', async ({ page }) => {
  await openPlayground(page);
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toContainText(
    /^WebGPU here is a software emulation(; the WebAssembly backend is \d+\.\d× faster| yet \d+\.\d× faster than WebAssembly) on this machine\. \(a step: WebGPU \d+\.\d ms, WebAssembly \d+\.\d ms\)$/,
  );
  const said = (await reason.textContent()) ?? '';
  const { backend } = await status(page);
  expect(backend).toBe(said.includes('the WebAssembly backend is') ? 'wasm' : 'webgpu');
  await expect(page.getByTestId('no-webgpu')).toHaveCount(0);
  test.info().annotations.push({ type: 'auto-choice', description: `${backend}: ${said}` });
});

test('backend=wasm trains on WebAssembly although WebGPU is there', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=wasm');
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU with WebAssembly SIMD');
  await expect(page.getByTestId('backend-reason')).toHaveText('WebAssembly was chosen in the Backend setting.');
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  const { backend, runs: [run] } = await status(page);
  expect(backend).toBe('wasm');
  expect(run.state).toBe('training');
});

test('an unknown backend is named in a notice, and Auto chooses', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=cuda');
  await expect(page.getByText('backend=cuda is not a backend; choose one of auto, webgpu, wasm, js. Using auto.')).toBeVisible();
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('auto');
});
