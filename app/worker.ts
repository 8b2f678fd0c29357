// The training engine, off the main thread. This file is the message transport: commands go to
// the controller one after another and each gets its reply; queries are answered at once, even
// while a command is being carried out.
import { Controller } from './worker/controller';
import { errorText, post } from './worker/transport';
import type { ToWorker } from './protocol';

const controller = new Controller();

async function predict(id: number, pixels: Float32Array): Promise<void> {
  let probabilities: Float32Array | null = null;
  try {
    probabilities = await controller.predict(pixels);
  } catch (error) {
    controller.report(error);
  }
  post({ type: 'prediction', id, probabilities }, probabilities ? [probabilities.buffer] : []);
}

self.onmessage = ({ data: message }: MessageEvent<ToWorker>) => {
  switch (message.type) {
    case 'init':
      void controller.init(message.baseUrl, message.defaultLimits).catch(controller.report);
      return;
    case 'predict':
      void predict(message.id, message.pixels);
      return;
    case 'status':
      post({ type: 'status', id: message.id, status: controller.status() });
      return;
    case 'ping':
      post({ type: 'pong' });
      return;
    case 'lose-device':
      controller.loseDevice();
      return;
    case 'inject-error':
      controller.injectError(message.kind);
      return;
    case 'crash':
      self.close();
      return;
    default: {
      const { id, type: command } = message;
      controller.perform(message).then(
        () => post({ type: 'reply', id, command, error: null }),
        (error: unknown) => post({ type: 'reply', id, command, error: errorText(error) }),
      );
    }
  }
};
