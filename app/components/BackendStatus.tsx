import { useWorker } from '../state/trainer-provider';
import { backendChoiceFromQuery } from '../state/backend-param';
import { BackendSelect } from './BackendSelect';
import { BackendChoiceText } from './BackendChoiceText';

const NO_WEBGPU_MESSAGE =
  'WebGPU is not available in this browser: Chrome/Edge 113+, Safari 26+, Firefox 141+ on Windows support it. ' +
  'Training on the CPU backend instead (slower).';

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Where the training runs, and how the dataset download is going. */
export function BackendStatus() {
  const backend = useWorker('backend');
  const download = useWorker('download');
  const dataset = useWorker('dataset');
  // The JavaScript backend asked for by name is no fallback: BackendChoiceText says why it trains.
  const chosenInSettings = backendChoiceFromQuery(location.search) === 'js';
  return (
    <div className="status" aria-live="polite">
      {!backend && <p>Looking for a WebGPU adapter…</p>}
      {backend?.kind === 'webgpu' && (
        <p data-testid="backend">
          Training on the GPU with WebGPU · adapter: <strong data-testid="adapter">{backend.adapter}</strong>
        </p>
      )}
      {backend?.kind === 'wasm' && (
        <p data-testid="backend">
          Training on the CPU with WebAssembly SIMD · <strong data-testid="adapter">{backend.adapter}</strong>
        </p>
      )}
      {backend?.kind === 'cpu' && chosenInSettings && <p data-testid="backend">Training on the CPU with the JavaScript backend (slower).</p>}
      {backend?.kind === 'cpu' && !chosenInSettings && (
        <div className="warning" data-testid="backend">
          <p>{NO_WEBGPU_MESSAGE}</p>
          {backend.reason && <p className="detail">Reason: {backend.reason}</p>}
        </div>
      )}
      {backend && (backend.kind !== 'cpu' || chosenInSettings) && <BackendChoiceText kind={backend.kind} reason={backend.reason} trial={backend.trial} />}
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
