// The backend part of the page's English catalogue; zh/backend.ts has the same messages in Chinese.
// The worker sends why it trains where it does as data (BackendReason); the page words it with
// these (app/components/backend-text.ts), so a change of language words it anew.

export const backend = {
  /** The Backend select. */
  label: 'Backend',
  choices: { auto: 'Auto', webgpu: 'WebGPU', wasm: 'WebAssembly', js: 'JavaScript' },
  selectNote: 'Changing it moves the runs to the new backend: they go on from the step they are at.',
  switchFailed: 'Could not change the backend',

  /** The status line: where training runs. */
  choosing: 'Choosing the backend…',
  onWebGpu: 'Training on the GPU with WebGPU · adapter:',
  onWasm: 'Training on the CPU with WebAssembly SIMD ·',
  onJs: 'Training on the CPU with the JavaScript backend (slower) ·',
  /** The WebAssembly backend's adapter, by the threads its matmuls split among. */
  wasmAdapter: (threads: number) => `WebAssembly SIMD (${threads} thread${threads === 1 ? '' : 's'})`,
  /** A GPU whose browser gives none of its names. */
  unnamedAdapter: 'a GPU the browser does not name',
  trialTimes: (webgpu: string, wasm: string) => ` (a step: WebGPU ${webgpu}, WebAssembly ${wasm})`,
  loadingMnist: (loaded: string, total: string) => `Loading MNIST: ${loaded} of ${total} MB`,
  mnistLoaded: (train: string, test: string) => `MNIST loaded: ${train} training images, ${test} test images.`,

  /** Why there is no WebGPU, by the step that failed; `browsers`: those that have it, by name. A refused device's error follows, in the browser's words. */
  noApi: (browsers: string) => `This browser does not support WebGPU (${browsers} do).`,
  noAdapter: 'WebGPU is present but no adapter was found (the GPU or its driver may be blocked).',
  noDevice: 'WebGPU found a GPU but could not open it.',
  /** Around what went wrong, after the sentence it explains: the browser's own words, or ours. */
  aside: { open: ' (', close: ')' },
  /** The same, in a few words, inside the reasons below. */
  missing: { 'no-api': 'no WebGPU API', 'no-adapter': 'no adapter found', 'no-device': 'no device given' },

  /** Why this backend trains: Auto's choice, the user's, or what replaced a backend this browser lacks. */
  noWebGpuWasm: (missing: string) => `This browser has no WebGPU (${missing}): training runs on WebAssembly.`,
  noWebGpuNoSimd: (missing: string) =>
    `This browser has no WebGPU (${missing}) and no WebAssembly SIMD: training runs on the JavaScript backend (slower).`,
  hardware: 'WebGPU on a hardware adapter is the fastest backend here.',
  softwareNoSimd: 'WebGPU here is a software emulation, but this browser has no WebAssembly SIMD to do better.',
  softwareUntimed: 'WebGPU here is a software emulation; WebAssembly could not be timed against it.',
  wasmFaster: (ratio: string) => `WebGPU here is a software emulation; the WebAssembly backend is ${ratio} faster on this machine.`,
  webgpuFaster: (ratio: string) => `WebGPU here is a software emulation, yet ${ratio} faster than WebAssembly on this machine.`,
  webgpuAskedMissing: (auto: string) => `WebGPU was asked for, but it cannot be used here; ${auto}`,
  wasmAskedNoSimd: 'WebAssembly was asked for, but this browser has no WebAssembly SIMD: training runs on the JavaScript backend.',
  chosen: { webgpu: 'WebGPU was chosen in the Backend setting.', wasm: 'WebAssembly was chosen in the Backend setting.', js: 'The JavaScript backend was chosen in the Backend setting.' },

  /** The address's `backend=` naming no backend. */
  unknownParam: (param: string, choices: string) => `${param} is not a backend; choose one of ${choices}. Using auto.`,
};
