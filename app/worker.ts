// The training engine, off the main thread. This file is the message transport: commands go to
// the controller one after another and each gets its reply; queries are answered at once, even
// while a command is being carried out.
import { Controller } from './worker/controller';
import { errorSaid, post } from './worker/transport';
import type { RunId, ToWorker } from './protocol';
import { setLanguage } from './i18n/messages';

const controller = new Controller();
const { requests } = controller;

async function predict(id: number, runIds: RunId[], pixels: Float32Array): Promise<void> {
  const results = await requests.predict(runIds, pixels);
  // A buffer named twice cannot be transferred: a run asked for twice gives the same answer twice.
  const transfer = [...new Set(results.flatMap(({ probabilities }) => (probabilities ? [probabilities.buffer] : [])))];
  post({ type: 'predictions', id, results }, transfer);
}

self.onmessage = ({ data: message }: MessageEvent<ToWorker>) => {
  switch (message.type) {
    case 'init':
      // What the worker says (a refusal, why a run failed) is in the page's language.
      setLanguage(message.language);
      void controller.init(message.baseUrl, message.defaultLimits, message.backend ?? 'auto', message.precached ?? false).catch(controller.report);
      return;
    case 'predict':
      void predict(message.id, message.runIds, message.pixels);
      return;
    case 'status':
      post({ type: 'status', id: message.id, status: controller.status() });
      return;
    case 'inspect': {
      const { id } = message;
      requests.inspect(message.runId, message.input, message.target).then(
        (result) => post({ type: 'inspection', id, result, error: null }),
        (error: unknown) => post({ type: 'inspection', id, result: null, error: errorSaid(error) }),
      );
      return;
    }
    case 'activation-curve': {
      const { id } = message;
      requests.activationCurve(message.activation, message.alpha).then(
        (curve) => post({ type: 'activation-curve', id, curve, error: null }),
        (error: unknown) => post({ type: 'activation-curve', id, curve: null, error: errorSaid(error) }),
      );
      return;
    }
    case 'confusion-cell': {
      const { id } = message;
      requests.confusionCell(message.runId, message.actual, message.predicted, message.limit).then(
        ({ total, images }) => post({ type: 'cell-images', id, total, images, error: null }),
        (error: unknown) => post({ type: 'cell-images', id, total: 0, images: [], error: errorSaid(error) }),
      );
      return;
    }
    case 'language':
      controller.languageChanged(message.language);
      return;
    case 'ping':
      post({ type: 'pong' });
      return;
    case 'lose-device':
      controller.loseDevice();
      return;
    case 'inject-error':
      controller.injectError(message.kind, message.runId);
      return;
    case 'crash':
      self.close();
      return;
    default: {
      const { id, type: command } = message;
      controller.perform(message).then(
        () => post({ type: 'reply', id, command, error: null }),
        (error: unknown) => post({ type: 'reply', id, command, error: errorSaid(error) }),
      );
    }
  }
};
