import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_REPLY_LENGTH } from '@/lib/conversations/model';
import { t } from '@/lib/i18n';
import { byUser } from '../picker/TemplatePicker';

export interface ReplyBoxProps {
  /** Free replies are allowed (the customer's window is open). */
  isOpen: boolean;
  /** Why the box is disabled when it is (closed window, no number, not connected): said in words beside it. */
  disabledReason?: string;
  draft: string;
  onDraft: (text: string) => void;
  /** Sends; resolves to an error text to show, or undefined when Twilio took the message. */
  onSend: (body: string, mediaUrl: string | undefined) => Promise<string | undefined>;
  onTemplates: () => void;
  /** The picker's "Insert into reply" writes here: a new value replaces the draft and puts the focus in the box. */
  inserted?: { text: string; seq: number };
  templatesShortcut: string;
}

const isPublicHttps = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.includes('.');
  } catch {
    return false;
  }
};

/**
 * The session reply: a textbox ("Enter" sends, "Shift+Enter" adds a line), "Send reply", an optional public file link
 * ("Attach a link": Twilio fetches the file itself and cannot take an upload), and "WhatsApp templates" beside them.
 * Disabled, with the reason, when the window is closed. One press is one send: the button is off until Twilio answers.
 */
export function ReplyBox({ isOpen, disabledReason, draft, onDraft, onSend, onTemplates, inserted, templatesShortcut }: ReplyBoxProps) {
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState('');
  const [isAttaching, setAttaching] = useState(false);
  const [link, setLink] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!inserted) return;
    onDraft(inserted.text);
    textRef.current?.focus();
  }, [inserted?.seq]);

  const linkProblem = isAttaching && link.trim() !== '' && !isPublicHttps(link.trim()) ? t('reply_link_invalid') : '';
  const length = [...draft].length;
  const isTooLong = length > MAX_REPLY_LENGTH;
  const canSend = isOpen && !isSending && draft.trim() !== '' && !isTooLong && !linkProblem;

  async function send() {
    if (!canSend) return;
    setSending(true);
    setError('');
    const problem = await onSend(draft, isAttaching && link.trim() ? link.trim() : undefined);
    setSending(false);
    if (problem) setError(problem);
    else {
      setLink('');
      setAttaching(false);
    }
  }

  return (
    <div class="reply">
      {!isOpen && disabledReason && <p class="reply-closed" id="wat-reply-why">{disabledReason}</p>}
      <textarea ref={textRef} aria-label={t('reply_label')} placeholder={isOpen ? t('reply_placeholder') : ''} value={draft} disabled={!isOpen}
        rows={3} aria-describedby={!isOpen && disabledReason ? 'wat-reply-why' : undefined} aria-invalid={isTooLong ? true : undefined}
        onInput={(e) => onDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            if (e.isTrusted) void send();
          }
        }} />
      {isTooLong && <p class="problem" role="alert">{t('reply_too_long', String(MAX_REPLY_LENGTH))}</p>}
      {isAttaching && (
        <div class="reply-link">
          <label for="wat-reply-link">{t('reply_link_label')}</label>
          <input id="wat-reply-link" type="url" inputMode="url" placeholder="https://" value={link} disabled={!isOpen}
            aria-invalid={linkProblem ? true : undefined} aria-describedby="wat-reply-link-hint"
            onInput={(e) => setLink(e.currentTarget.value)} />
          <p id="wat-reply-link-hint" class={linkProblem ? 'problem' : 'hint'}>{linkProblem || t('reply_link_hint')}</p>
        </div>
      )}
      {error && <p class="problem" role="alert">{error}</p>}
      <div class="reply-actions">
        <button type="button" class="primary" disabled={!canSend} onClick={byUser(() => void send())}>
          {isSending ? t('reply_sending') : t('reply_send')}
        </button>
        <button type="button" class="link" aria-expanded={isAttaching} disabled={!isOpen} onClick={() => setAttaching(!isAttaching)}>
          {t('reply_attach_link')}
        </button>
        <button type="button" class="templates-button" aria-haspopup="dialog" title={t('templates_button_tooltip', templatesShortcut)}
          aria-keyshortcuts={templatesShortcut} onClick={onTemplates}>
          {t('templates_button')}
        </button>
      </div>
    </div>
  );
}
