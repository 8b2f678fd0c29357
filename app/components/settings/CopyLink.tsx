import { useMessages } from '../../i18n/use-messages';
import { useSettingsLink } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { copyText } from '../clipboard';
import { CommandOutcomeLine } from '../CommandOutcomeLine';

/** Copies the link to these settings (the address shows it too): "Link copied", or why not. */
export function CopyLink() {
  const link = useSettingsLink();
  const t = useMessages();
  const { outcome, pending, issue } = useCommandOutcome();
  function copy() {
    issue(copyText(link), { done: (m) => m.settings.linkCopied, failed: (m) => m.settings.couldNotCopyLink });
  }
  return (
    <div className="buttons">
      <button type="button" disabled={pending} onClick={copy} title={t.settings.copyLinkTitle}>
        {t.settings.copyLink}
      </button>
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
}
