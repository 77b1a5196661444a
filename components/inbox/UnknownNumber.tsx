import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Result } from '@/lib/messaging/protocol';
import type { PersonFound } from '@/lib/pipedrive/person-search';

/** The Pipedrive writes for a number no person has. */
export interface UnknownNumberApi {
  addPerson: (name: string) => Promise<Result<{ id: number; name: string }>>;
  searchPersons: (term: string) => Promise<Result<PersonFound[]>>;
  /** Adds the number to the person's phones (keeping the ones they have). */
  linkPerson: (personId: number) => Promise<Result<{ id: number; name: string }>>;
}

export interface UnknownNumberProps {
  number: string;
  api: UnknownNumberApi;
  /** The number now belongs to this person. */
  onSaved: (person: { id: number; name: string }) => void;
}

type Mode = 'idle' | 'add' | 'link';

/**
 * A conversation whose number no Pipedrive person has: "Add to Pipedrive" (a new person, the number as their mobile)
 * or "Link to a person" (found by name; the number joins their phones). Refusals are said in Pipedrive's words.
 */
export function UnknownNumber({ number, api, onSaved }: UnknownNumberProps) {
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState('');
  const [term, setTerm] = useState('');
  const [found, setFound] = useState<PersonFound[] | undefined>();
  const [error, setError] = useState('');
  const [isBusy, setBusy] = useState(false);

  async function run<T extends { id: number; name: string }>(work: () => Promise<Result<T>>) {
    setBusy(true);
    setError('');
    const answer = await work();
    setBusy(false);
    if (answer.ok) onSaved(answer.value);
    else setError(answer.error.message);
  }

  async function search(event: Event) {
    event.preventDefault();
    if (term.trim().length < 2) return;
    setBusy(true);
    setError('');
    const answer = await api.searchPersons(term.trim());
    setBusy(false);
    if (answer.ok) setFound(answer.value);
    else setError(answer.error.message);
  }

  return (
    <div class="unknown-number" role="group" aria-label={t('unknown_number_label')}>
      <p class="unknown-number-text">{t('unknown_number_text', number)}</p>
      {mode === 'idle' && (
        <div class="unknown-number-actions">
          <button type="button" onClick={() => setMode('add')}>{t('unknown_number_add')}</button>
          <button type="button" onClick={() => setMode('link')}>{t('unknown_number_link')}</button>
        </div>
      )}
      {mode === 'add' && (
        <form onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void run(() => api.addPerson(name.trim()));
        }}>
          <label>
            {t('unknown_number_name')}
            <input type="text" value={name} maxLength={200} required autoFocus onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <div class="unknown-number-actions">
            <button type="submit" disabled={isBusy || !name.trim()}>{t('unknown_number_add_submit')}</button>
            <button type="button" onClick={() => setMode('idle')}>{t('unknown_number_cancel')}</button>
          </div>
        </form>
      )}
      {mode === 'link' && (
        <form onSubmit={(event) => void search(event)}>
          <label>
            {t('unknown_number_search')}
            <input type="search" value={term} maxLength={100} autoFocus onInput={(e) => setTerm(e.currentTarget.value)} />
          </label>
          <div class="unknown-number-actions">
            <button type="submit" disabled={isBusy || term.trim().length < 2}>{t('unknown_number_search_submit')}</button>
            <button type="button" onClick={() => setMode('idle')}>{t('unknown_number_cancel')}</button>
          </div>
          {found && found.length === 0 && <p role="status">{t('unknown_number_none_found')}</p>}
          {found && found.length > 0 && (
            <ul class="unknown-number-found" aria-label={t('unknown_number_found')}>
              {found.map((person) => (
                <li key={person.id}>
                  <button type="button" disabled={isBusy} onClick={() => void run(() => api.linkPerson(person.id))}>
                    {t('unknown_number_link_to', person.name)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
      {error && <p class="unknown-number-error" role="alert">{error}</p>}
    </div>
  );
}
