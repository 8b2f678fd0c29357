import { messages } from '../i18n/messages';

/** Puts `text` on the clipboard, or rejects with why the browser offers none. */
export function copyText(text: string): Promise<void> {
  // Without a secure context (plain http on another host) the browser has no clipboard to offer.
  return navigator.clipboard
    ? navigator.clipboard.writeText(text)
    : Promise.reject(new Error(messages().status.noClipboard));
}
