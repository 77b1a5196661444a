import { useEffect, useState } from 'preact/hooks';
import type { Result } from '@/lib/messaging/protocol';
import type { ConversationSave, NoteMark } from '@/lib/notes/model';
import { t } from '@/lib/i18n';
import { noteProblemText } from '../thread/NoteStatus';

export interface SaveConversationProps {
  /** Writes one note with the messages since the last save; answers after its first attempt. */
  save: () => Promise<Result<ConversationSave>>;
  getNote: (key: string) => Promise<Result<NoteMark>>;
  retryNote: (key: string) => Promise<Result<NoteMark>>;
}

type Shown = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; lines: number; key?: string; mark?: NoteMark } | { kind: 'error'; message: string };

/** While a saved conversation's note is still being written, its state is asked this often. */
const FOLLOW_MS = 2_000;

/**
 * "Save conversation to Pipedrive": one note on the person (and the page's deal or lead) with the conversation's
 * messages since the last save, the customer's too; pressed again, only what is new. Says how it went.
 */
export function SaveConversation({ save, getNote, retryNote }: SaveConversationProps) {
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const key = shown.kind === 'done' ? shown.key : undefined;
  const isPending = shown.kind === 'done' && shown.mark?.state === 'pending';

  useEffect(() => {
    if (!key || !isPending) return;
    const timer = setInterval(() => {
      void getNote(key).then((answer) => answer.ok && setShown((now) => (now.kind === 'done' && now.key === key ? { ...now, mark: answer.value } : now)));
    }, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [key, isPending, getNote]);

  async function onSave() {
    setShown({ kind: 'saving' });
    const answer = await save();
    setShown(answer.ok ? { kind: 'done', ...answer.value } : { kind: 'error', message: answer.error.message });
  }

  async function onRetry(retried: string) {
    const answer = await retryNote(retried);
    if (answer.ok) setShown((now) => (now.kind === 'done' ? { ...now, mark: answer.value } : now));
  }

  let text = '';
  if (shown.kind === 'saving') text = t('save_conversation_saving');
  else if (shown.kind === 'error') text = t('save_conversation_error', shown.message);
  else if (shown.kind === 'done' && shown.lines === 0) text = t('save_conversation_nothing');
  else if (shown.kind === 'done' && shown.mark?.state === 'saved') text = t('save_conversation_saved', String(shown.lines));
  else if (shown.kind === 'done' && shown.mark?.state === 'failed') text = t('save_conversation_failed', noteProblemText(shown.mark.problem));
  else if (shown.kind === 'done') text = t('save_conversation_pending', String(shown.lines));

  return (
    <div class="save-conversation" data-note={shown.kind === 'done' ? shown.mark?.state : undefined}>
      <button type="button" class="link" disabled={shown.kind === 'saving'} onClick={() => void onSave()}>{t('save_conversation')}</button>
      <p role="status">{text}</p>
      {key && shown.kind === 'done' && shown.mark?.state === 'failed' && (
        <button type="button" class="retry" aria-label={t('note_retry')} onClick={() => void onRetry(key)}>{t('reply_retry')}</button>
      )}
    </div>
  );
}
