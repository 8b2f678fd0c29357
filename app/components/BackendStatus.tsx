import { useWorker } from '../state/trainer-provider';
import { noWebGpuText } from './backend-text';

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Where the training runs, and how the dataset download is going. */
export function BackendStatus() {
  const backend = useWorker('backend');
  const download = useWorker('download');
  const dataset = useWorker('dataset');
  return (
    <div className="status" aria-live="polite">
      {!backend && <p>Looking for a WebGPU adapter…</p>}
      {backend?.kind === 'webgpu' && (
        <p data-testid="backend">
          Training on the GPU with WebGPU · adapter: <strong data-testid="adapter">{backend.adapter}</strong>
        </p>
      )}
      {backend?.kind === 'cpu' && (
        <div className="warning" data-testid="backend">
          <p>{noWebGpuText(backend.unavailable, backend.reason)}</p>
        </div>
      )}
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
