import type { TemplateDetail } from '@/lib/messaging/protocol';
import { renderPlaceholders } from '@/lib/templates/placeholders';
import { t } from '@/lib/i18n';
import { MessageText } from '../thread/MessageText';

export interface TemplatePreviewProps {
  /** What is drawn: a synced template, or the workshop's draft as Twilio will have it. */
  template: Pick<TemplateDetail, 'types' | 'contentType' | 'body'>;
  values: Record<string, string>;
}

interface RichPart {
  title?: string;
  subtitle?: string;
  media: string[];
  buttons: string[];
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The parts around the body that WhatsApp draws: media, a card's title or header text, its subtitle or footer,
 * buttons (an authentication template's copy-code button too). Unknown types add nothing.
 */
function richParts(types: Record<string, unknown>, contentType: string): RichPart {
  const type = (types[contentType] ?? {}) as Record<string, unknown>;
  const minutes = type.code_expiration_minutes;
  return {
    title: contentType.endsWith('/card') ? asText(type.title) || asText(type.header_text) : undefined,
    subtitle: asText(type.subtitle) || asText(type.footer) || (typeof minutes === 'number' ? t('preview_code_expires', String(minutes)) : undefined),
    media: asList(type.media).map(asText).filter(Boolean),
    buttons: asList(type.actions).map((action) => asText((action as { title?: unknown })?.title) || asText((action as { copy_code_text?: unknown })?.copy_code_text)).filter(Boolean),
  };
}

/** WhatsApp writes an authentication template's text itself: the preview shows it as WhatsApp sends it in English. */
function authenticationBody(types: Record<string, unknown>): string {
  const type = (types['whatsapp/authentication'] ?? {}) as Record<string, unknown>;
  return type.add_security_recommendation === false ? t('preview_code_body') : `${t('preview_code_body')} ${t('preview_code_security')}`;
}

function mediaName(url: string): string {
  try {
    return decodeURIComponent(new URL(url, 'https://example.invalid').pathname.split('/').pop() ?? url) || url;
  } catch {
    return url;
  }
}

/** The message as the customer will see it, with the variables filled in. */
export function TemplatePreview({ template, values }: TemplatePreviewProps) {
  const parts = richParts(template.types, template.contentType);
  const body = template.contentType === 'whatsapp/authentication' ? authenticationBody(template.types) : template.body;
  const filled = (text: string) => renderPlaceholders(text, values);
  // A content type we do not draw (a newer Twilio type) and no text to show: say so instead of an empty bubble.
  const isEmpty = !body && !parts.title && !parts.subtitle && parts.media.length === 0 && parts.buttons.length === 0;
  // Remote media is not loaded into the page: a name stands in for it.
  return (
    <figure class="preview" aria-label={t('picker_preview')}>
      <div class="bubble">
        {parts.media.map((url) => <div key={url} class="media">{t('picker_media', mediaName(filled(url)))}</div>)}
        {parts.title && <div class="card-title"><MessageText text={filled(parts.title)} /></div>}
        {body && <p class="body"><MessageText text={filled(body)} /></p>}
        {isEmpty && <p class="no-preview">{t('picker_no_preview', template.contentType || '?')}</p>}
        {parts.subtitle && <p class="subtitle">{filled(parts.subtitle)}</p>}
      </div>
      {parts.buttons.length > 0 && (
        <ul class="buttons">
          {parts.buttons.map((title) => <li key={title}>{filled(title)}</li>)}
        </ul>
      )}
    </figure>
  );
}
