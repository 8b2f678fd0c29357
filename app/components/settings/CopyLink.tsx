import { useSettingsLink } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';

/** Copies the link to these settings (the address shows it too): "Link copied", or why not. */
export function CopyLink() {
  const link = useSettingsLink();
  const { outcome, pending, issue } = useCommandOutcome();
  function copy() {
    // Without a secure context (plain http on another host) the browser has no clipboard to offer.
    const copied = navigator.clipboard
      ? navigator.clipboard.writeText(link)
      : Promise.reject(new Error('this browser gives no clipboard to a page that is not served over https'));
    issue(copied, { done: 'Link copied', failed: 'Could not copy the link' });
  }
  return (
    <div className="buttons">
      <button type="button" disabled={pending} onClick={copy} title="Copy a link that opens the page with these settings">
        Copy link
      </button>
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
}
