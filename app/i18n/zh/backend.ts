import type { backend as english } from '../en/backend';

export const backend: typeof english = {
  label: '后端',
  choices: { auto: '自动', webgpu: 'WebGPU', wasm: 'WebAssembly', js: 'JavaScript' },
  selectNote: '更改后端会把各次训练移到新的后端上，并从当前步数继续。',
  switchFailed: '无法更改后端',

  choosing: '正在选择后端…',
  onWebGpu: '在 GPU 上用 WebGPU 训练 · 适配器：',
  onWasm: '在 CPU 上用 WebAssembly SIMD 训练 ·',
  onJs: '在 CPU 上用 JavaScript 后端训练（较慢）·',
  wasmAdapter: (threads) => `WebAssembly SIMD（${threads} 个线程）`,
  unnamedAdapter: '浏览器未给出名称的 GPU',
  trialTimes: (webgpu, wasm) => `（每步：WebGPU ${webgpu}，WebAssembly ${wasm}）`,
  loadingMnist: (loaded, total) => `正在加载 MNIST：${loaded} / ${total} MB`,
  mnistLoaded: (train, test) => `MNIST 已加载：${train} 张训练图像，${test} 张测试图像。`,

  noApi: (browsers) => `此浏览器不支持 WebGPU（支持它的有：${browsers}）。`,
  noAdapter: 'WebGPU 存在，但找不到适配器（GPU 或其驱动可能被屏蔽）。',
  noDevice: 'WebGPU 找到了 GPU，但无法打开它。',
  aside: { open: '（', close: '）' },
  missing: { 'no-api': '没有 WebGPU 接口', 'no-adapter': '找不到适配器', 'no-device': '没有得到设备' },

  noWebGpuWasm: (missing) => `此浏览器没有 WebGPU（${missing}）：改用 WebAssembly 训练。`,
  noWebGpuNoSimd: (missing) => `此浏览器没有 WebGPU（${missing}），也没有 WebAssembly SIMD：改用 JavaScript 后端训练（较慢）。`,
  hardware: '硬件适配器上的 WebGPU 是这里最快的后端。',
  softwareNoSimd: '这里的 WebGPU 是软件模拟的，但此浏览器没有 WebAssembly SIMD，无法做得更好。',
  softwareUntimed: '这里的 WebGPU 是软件模拟的；无法对 WebAssembly 计时比较。',
  wasmFaster: (ratio) => `这里的 WebGPU 是软件模拟的；在这台机器上 WebAssembly 后端快 ${ratio}。`,
  webgpuFaster: (ratio) => `这里的 WebGPU 虽是软件模拟的，在这台机器上仍比 WebAssembly 快 ${ratio}。`,
  webgpuAskedMissing: (auto) => `选择了 WebGPU，但这里无法使用它；${auto}`,
  wasmAskedNoSimd: '选择了 WebAssembly，但此浏览器没有 WebAssembly SIMD：改用 JavaScript 后端训练。',
  chosen: { webgpu: '在“后端”设置中选择了 WebGPU。', wasm: '在“后端”设置中选择了 WebAssembly。', js: '在“后端”设置中选择了 JavaScript 后端。' },

  unknownParam: (param, choices) => `${param} 不是可用的后端；请从 ${choices} 中选择。现使用自动选择。`,
};
