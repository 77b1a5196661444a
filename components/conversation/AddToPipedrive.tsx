import { useState } from 'preact/hooks';
import type { Result } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';

export interface AddToPipedriveProps {
  /** The conversation's number, E.164. */
  number: string;
  /** Adds a person with this number (and links the page's deal or lead to it); resolves once the panel knows it. */
  add: (name: string) => Promise<Result<unknown>>;
}

/**
 * A conversation whose number has no Pipedrive person gets no notes: "Add to Pipedrive" makes one with the number
 * (the name the rep types, the number itself when left empty), after which its messages are noted and the
 * conversation can be saved.
 */
export function AddToPipedrive({ number, add }: AddToPipedriveProps) {
  const [isOpen, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function onAdd(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    const answer = await add(name.trim() || number);
    setBusy(false);
    if (!answer.ok) setProblem(answer.error.message);
  }

  return (
    <div class="save-conversation add-person">
      <p>{t('add_to_pipedrive_hint')}</p>
      {!isOpen ? (
        <button type="button" class="link" aria-expanded={false} onClick={() => setOpen(true)}>{t('add_to_pipedrive')}</button>
      ) : (
        <form onSubmit={(e) => void onAdd(e)}>
          <label for="wat-add-person-name">{t('add_to_pipedrive_name')}</label>{' '}
          <input id="wat-add-person-name" value={name} placeholder={number} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />{' '}
          <button type="submit" disabled={isBusy}>{t('add_to_pipedrive_add')}</button>
        </form>
      )}
      {problem && <p class="problem" role="alert">{problem}</p>}
    </div>
  );
}
