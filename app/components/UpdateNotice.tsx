/// <reference types="vite-plugin-pwa/react" />
// Registers the service worker that keeps the page working offline (vite.config.ts generates it),
// and says when a new deployment is waiting: it takes over only when the user reloads, so a
// training session is never cut short by an update.
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useMessages } from '../i18n/use-messages';
import './update-notice.css';

export function UpdateNotice() {
  const {
    needRefresh: [updateWaiting],
    updateServiceWorker,
  } = useRegisterSW();
  const { common } = useMessages();
  if (!updateWaiting) return null;
  return (
    <p className="update-notice" role="status" data-testid="update-notice">
      {common.newVersion}{' '}
      {/* The new worker takes control and the page reloads itself into the new version. */}
      <button type="button" onClick={() => void updateServiceWorker()}>
        {common.reload}
      </button>
    </p>
  );
}
