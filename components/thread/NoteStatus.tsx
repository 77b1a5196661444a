import type { NoteMark, NoteProblem } from '@/lib/notes/model';
import { t, type MessageKey } from '@/lib/i18n';

export interface NoteStatusProps {
  mark: NoteMark;
  /** "Retry saving to Pipedrive"; shown when the note failed. */
  onRetry?: () => void;
}

const PROBLEM: Record<NoteProblem, MessageKey> = {
  'no-access': 'note_problem_no_access',
  refused: 'note_problem_refused',
  rejected: 'note_problem_rejected',
  failing: 'note_problem_failing',
};

/** Why a note is not in Pipedrive, in the rep's words. */
export const noteProblemText = (problem: NoteProblem | undefined): string => t(PROBLEM[problem ?? 'failing']);

/**
 * Whether a message of ours is in Pipedrive as a note: "Saved to Pipedrive", "Saving to Pipedrive…", or "Not saved
 * to Pipedrive" with the reason and "Retry". Never silent about a note that is missing.
 */
export function NoteStatus({ mark, onRetry }: NoteStatusProps) {
  if (mark.state === 'saved') return <span class="note-status saved">{t('note_saved')}</span>;
  if (mark.state === 'pending') return <span class="note-status pending">{t('note_pending')}</span>;
  return (
    <span class="note-status failed">
      <span>{t('note_failed')}: {noteProblemText(mark.problem)}</span>
      {onRetry && <button type="button" class="retry" aria-label={t('note_retry')} onClick={onRetry}>{t('reply_retry')}</button>}
    </span>
  );
}
