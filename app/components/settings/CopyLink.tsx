import { useSettingsLink } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { copyText } from '../clipboard';
import { CommandOutcomeLine } from '../CommandOutcomeLine';

/** Copies the link to these settings (the address shows it too): "Link copied", or why not. */
export function CopyLink() {
  const link = useSettingsLink();
  const { outcome, pending, issue } = useCommandOutcome();
  function copy() {
    issue(copyText(link), { done: 'Link copied', failed: 'Could not copy the link' });
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
