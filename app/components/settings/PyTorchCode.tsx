import { Fragment, useMemo, useState } from 'react';
import { pytorchScript } from '../../../gpu';
import { useMessages } from '../../i18n/use-messages';
import { useCommandOutcome } from '../../use-command';
import { copyText } from '../clipboard';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { downloadFile } from '../download';
import { useFormConfig } from './use-form-config';

const SCRIPT_FILE = 'gradlab_train.py';

/** A command or a name the reader types as it is, in every language. */
const code = (text: string) => <code translate="no">{text}</code>;

/** The form's settings as a complete PyTorch script (the template gpu/io/pytorch-template.py, filled), to copy or download. */
export function PyTorchCode() {
  const { config, valid } = useFormConfig();
  const [open, setOpen] = useState(false);
  const t = useMessages();
  const { outcome, pending, issue } = useCommandOutcome();
  // Filled only while shown: the settings change with every keystroke.
  const script = useMemo(() => (open && valid ? pytorchScript(config) : null), [open, valid, config]);
  function copy(text: string) {
    issue(copyText(text), { done: (m) => m.settings.codeCopied, failed: (m) => m.settings.couldNotCopyCode });
  }
  return (
    <details className="pytorch-code" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.settings.pytorchCode}</summary>
      {!valid && <p className="hint reason">{t.settings.scriptNotYet}</p>}
      {script && (
        <>
          <p className="hint">
            {t.settings
              .scriptUse(code(`python3 ${SCRIPT_FILE} --data DIR`), code('torchrun --nproc_per_node=N'), code('DistributedDataParallel'), code('--load'), code('--save'))
              .map((part, i) => (
                <Fragment key={i}>{part}</Fragment>
              ))}
          </p>
          <div className="buttons">
            <button type="button" disabled={pending} onClick={() => copy(script)}>
              {t.settings.copyCode}
            </button>
            <button type="button" onClick={() => downloadFile(SCRIPT_FILE, script, 'text/x-python')}>
              {t.settings.downloadCode}
            </button>
            <CommandOutcomeLine outcome={outcome} />
          </div>
          <pre className="code" tabIndex={0} aria-label={t.settings.scriptLabel} data-testid="pytorch-code" translate="no">
            <code>{script}</code>
          </pre>
        </>
      )}
    </details>
  );
}
