import { word } from '../i18n/said';
import { useLanguage, useMessages } from '../i18n/use-messages';
import { HTML_LANG } from '../i18n/language';
import { useWorker } from '../state/trainer-provider';
import { noWebGpuText } from './backend-text';
import { BackendSelect } from './BackendSelect';
import { BackendChoiceText } from './BackendChoiceText';
import { ErrorWords } from './ErrorWords';

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Where the training runs, and how the dataset download is going. */
export function BackendStatus() {
  const catalogue = useMessages();
  const t = catalogue.backend;
  const locale = HTML_LANG[useLanguage()];
  const backend = useWorker('backend');
  const download = useWorker('download');
  const dataset = useWorker('dataset');
  return (
    <div className="status" aria-live="polite">
      {!backend && <p>{t.choosing}</p>}
      {backend && (
        <p data-testid="backend">
          {{ webgpu: t.onWebGpu, wasm: t.onWasm, cpu: t.onJs }[backend.kind]}{' '}
          {/* A name as the browser gives it stays as it is; one the page words is in its language. */}
          <strong data-testid="adapter" translate={typeof backend.adapter === 'string' ? 'no' : undefined}>
            {word(backend.adapter, catalogue)}
          </strong>
        </p>
      )}
      {backend?.webgpuMissing !== undefined && (
        <div className="warning" data-testid="no-webgpu">
          <p>
            {noWebGpuText(t, backend.unavailable)}
            {backend.webgpuMissing && <ErrorWords said={backend.webgpuMissing} />}
          </p>
        </div>
      )}
      {backend && <BackendChoiceText kind={backend.kind} reason={backend.reason} trial={backend.trial} />}
      <BackendSelect />
      {!dataset && download && (
        <p className="download">
          <label htmlFor="mnist-progress">{t.loadingMnist(megabytes(download.loadedBytes), megabytes(download.totalBytes))}</label>
          <progress id="mnist-progress" value={download.loadedBytes} max={download.totalBytes} />
        </p>
      )}
      {dataset && <p data-testid="data-ready">{t.mnistLoaded(dataset.trainCount.toLocaleString(locale), dataset.testCount.toLocaleString(locale))}</p>}
    </div>
  );
}
