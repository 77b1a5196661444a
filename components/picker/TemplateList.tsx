import type { TemplateSummary } from '@/lib/messaging/protocol';
import type { ApprovalStatus } from '@/lib/templates/model';
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';

export interface TemplateListProps {
  templates: TemplateSummary[];
  selected: string | undefined;
  onSelect: (sid: string) => void;
  /** Moves the selection with the arrow keys from the search box. */
  id: string;
}

export const STATUS_TEXT: Record<ApprovalStatus, MessageKey> = {
  approved: 'picker_status_approved',
  pending: 'picker_status_pending',
  received: 'picker_status_received',
  unsubmitted: 'picker_status_unsubmitted',
  rejected: 'picker_status_rejected',
  paused: 'picker_status_paused',
  disabled: 'picker_status_disabled',
};

/** Results drawn with the keystroke: more than the list shows without scrolling. */
export const FIRST_RESULTS = 12;

/**
 * The first results are drawn with the keystroke and painted; the rest (below the fold) right after that paint, so
 * a fast typist never waits for rows nobody sees yet. Keys keep the first rows as they are when the rest arrive.
 */
function useVisible<T>(items: T[]): T[] {
  const [complete, setComplete] = useState<T[] | undefined>();
  useEffect(() => {
    if (complete === items || items.length <= FIRST_RESULTS) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; a task queued from it runs just after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setComplete(items))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [items, complete]);
  return complete === items ? items : items.slice(0, FIRST_RESULTS);
}

/**
 * The search results: approved templates first, the others greyed with their WhatsApp status and the rejection
 * reason. A listbox: arrows move (from the search box too), Enter or a click chooses. Rows are keyed by position:
 * a keystroke rewrites the text of the rows already there instead of building new ones (rows hold no state, and
 * the focus stays in the search box).
 */
export function TemplateList({ templates, selected, onSelect, id }: TemplateListProps) {
  const visible = useVisible(templates);
  return (
    <ul id={id} role="listbox" aria-label={t('picker_results')} class="results">
      {visible.map((template, position) => (
        <li key={position} id={`wat-option-${template.sid}`} role="option" aria-selected={template.sid === selected}
          class={template.status === 'approved' ? 'result' : 'result muted'} data-status={template.status}
          onClick={() => onSelect(template.sid)}>
          <span class="name">{template.name}</span>
          <span class="meta">{[template.language, template.category].filter(Boolean).join(' · ')}</span>
          {template.status !== 'approved' && (
            <span class="status">
              {t(STATUS_TEXT[template.status])}
              {template.rejectionReason && `: ${template.rejectionReason}`}
            </span>
          )}
          <span class="snippet">{template.body}</span>
        </li>
      ))}
    </ul>
  );
}
