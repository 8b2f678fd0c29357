// WebGPU in Node through Dawn (the `webgpu` package). On a machine without a GPU, Dawn finds the
// SwiftShader Vulkan driver that Debian's chromium package installs.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Tuning } from '../backend';
import { requestWebGpuBackend } from '../webgpu/request-device';
import type { WebGpuBackend } from '../webgpu/webgpu-backend';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

// Dawn crashes if the GPU object is collected while work runs, so it lives as long as the process.
let gpu: GPU | undefined;

export async function nodeWebGpuBackend(tuning?: Partial<Tuning>, limits: 'adapter' | 'default' = 'adapter'): Promise<WebGpuBackend> {
  if (!process.env.VK_ICD_FILENAMES && !existsSync('/dev/dri') && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  if (!gpu) {
    const dawn = await import('webgpu');
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create([]);
  }
  try {
    return await requestWebGpuBackend(gpu, { tuning, limits });
  } catch (error) {
    throw new Error(
      `${(error as Error).message} In Node, WebGPU needs a Vulkan driver: install Debian's chromium and libvulkan1 ` +
        `(they bring SwiftShader), or a GPU driver.`,
      { cause: error },
    );
  }
}
