// The browser the e2e specs and `npm run screenshot` drive: Debian's Chromium, with WebGPU on
// SwiftShader (Chromium's software Vulkan), so that it works on machines without a GPU.
export const CHROMIUM = '/usr/bin/chromium';
export const QUIET_CHROMIUM = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SWIFTSHADER_WEBGPU = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];
/** What the page is shown in, by the specs and in the README's screenshot. */
export const VIEWPORT = { width: 1280, height: 900 };
