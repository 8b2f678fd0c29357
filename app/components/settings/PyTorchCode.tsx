import { useMemo, useState } from 'react';
import { pytorchScript } from '../../../gpu';
import { useCommandOutcome } from '../../use-command';
import { copyText } from '../clipboard';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { downloadFile } from '../download';
import { useFormConfig } from './use-form-config';

const SCRIPT_FILE = 'gradlab_train.py';

/** The form's settings as a complete PyTorch script (the template gpu/io/pytorch-template.py, filled), to copy or download. */
export function PyTorchCode() {
  const { config, valid } = useFormConfig();
  const [open, setOpen] = useState(false);
  const { outcome, pending, issue } = useCommandOutcome();
  // Filled only while shown: the settings change with every keystroke.
  const script = useMemo(() => (open && valid ? pytorchScript(config) : null), [open, valid, config]);
  function copy(text: string) {
    issue(copyText(text), { done: 'Code copied', failed: 'Could not copy the code' });
  }
  return (
    <details className="pytorch-code" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>PyTorch code</summary>
      {!valid && <p className="hint reason">The settings above are not valid yet: the script follows them once they are.</p>}
      {script && (
        <>
          <p className="hint">
            The same run in PyTorch: <code>python3 {SCRIPT_FILE} --data DIR</code> (a folder with the four MNIST IDX files) trains on
            one device; under <code>torchrun --nproc_per_node=N</code> it trains with DistributedDataParallel. <code>--load</code> and{' '}
            <code>--save</code> take .safetensors files, as Export weights writes them.
          </p>
          <div className="buttons">
            <button type="button" disabled={pending} onClick={() => copy(script)}>
              Copy code
            </button>
            <button type="button" onClick={() => downloadFile(SCRIPT_FILE, script, 'text/x-python')}>
              Download code
            </button>
            <CommandOutcomeLine outcome={outcome} />
          </div>
          <pre className="code" tabIndex={0} aria-label="The PyTorch script for these settings" data-testid="pytorch-code">
            <code>{script}</code>
          </pre>
        </>
      )}
    </details>
  );
}
