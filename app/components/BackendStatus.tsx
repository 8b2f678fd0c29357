import { useWorker } from '../state/trainer-provider';
import { noWebGpuText } from './backend-text';
import { BackendSelect } from './BackendSelect';
import { BackendChoiceText } from './BackendChoiceText';

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Where the training runs, and how the dataset download is going. */
export function BackendStatus() {
  const backend = useWorker('backend');
  const download = useWorker('download');
  const dataset = useWorker('dataset');
  return (
    <div className="status" aria-live="polite">
      {!backend && <p>Choosing the backend…</p>}
      {backend?.kind === 'webgpu' && (
        <p data-testid="backend">
          Training on the GPU with WebGPU · adapter: <strong data-testid="adapter">{backend.adapter}</strong>
        </p>
      )}
      {backend?.webgpuMissing !== undefined && (
        <div className="warning" data-testid="no-webgpu">
          <p>{noWebGpuText(backend.unavailable, backend.webgpuMissing)}</p>
        </div>
      )}
      {backend && backend.kind !== 'webgpu' && (
        <p data-testid="backend">
          Training on the CPU with {backend.kind === 'wasm' ? 'WebAssembly SIMD' : 'the JavaScript backend (slower)'} ·{' '}
          <strong data-testid="adapter">{backend.adapter}</strong>
        </p>
      )}
      {backend && <BackendChoiceText kind={backend.kind} reason={backend.reason} trial={backend.trial} />}
      <BackendSelect />
      {!dataset && download && (
        <p className="download">
          <label htmlFor="mnist-progress">
            Loading MNIST: {megabytes(download.loadedBytes)} of {megabytes(download.totalBytes)} MB
          </label>
          <progress id="mnist-progress" value={download.loadedBytes} max={download.totalBytes} />
        </p>
      )}
      {dataset && (
        <p data-testid="data-ready">
          MNIST loaded: {dataset.trainCount.toLocaleString('en')} training images, {dataset.testCount.toLocaleString('en')} test images.
        </p>
      )}
    </div>
  );
}
