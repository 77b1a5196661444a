import type { Template } from '../model';
import { placeholdersIn } from '../placeholders';
import { BUTTONS_OF_KIND, emptyDraft, type ButtonType, type DraftButton, type TemplateDraft, type TemplateKind } from './draft';

/**
 * The editor's fields ↔ Twilio's Content types, per Twilio's content-type pages: a text is `twilio/text`, a media
 * message `twilio/media`, quick replies `twilio/quick-reply`, link/phone/code buttons `twilio/call-to-action`, a
 * header text and footer need `whatsapp/card`, and an authentication template is `whatsapp/authentication` (its text
 * is WhatsApp's). One type per template: Twilio sends a template with several types as the most complex one, so the
 * one we write is the one WhatsApp reviews. Pure.
 */
export const CONTENT_TYPE_OF_KIND: Record<TemplateKind, string> = {
  text: 'twilio/text',
  media: 'twilio/media',
  'quick-reply': 'twilio/quick-reply',
  'call-to-action': 'twilio/call-to-action',
  card: 'whatsapp/card',
  authentication: 'whatsapp/authentication',
};

/** The body of `POST /v1/Content` (spec `ContentCreateRequest`; `PUT /v1/Content/{Sid}` takes the same). */
export interface ContentRequest {
  friendly_name: string;
  language: string;
  variables: Record<string, string>;
  types: Record<string, Record<string, unknown>>;
}

/** Every string of the draft that may hold a variable, in the order the customer reads them. */
export function variableTexts(draft: TemplateDraft): string[] {
  const texts: string[] = [];
  if (draft.kind === 'card') texts.push(draft.header);
  if (draft.kind !== 'authentication') texts.push(draft.body);
  if (draft.kind === 'card') texts.push(draft.footer);
  if (draft.kind === 'media') texts.push(draft.mediaUrl);
  for (const button of buttonsOf(draft)) if (button.type === 'URL') texts.push(button.value);
  return texts;
}

/** The draft's buttons that its type carries (a type switched from call-to-action to text keeps none). */
export function buttonsOf(draft: TemplateDraft): DraftButton[] {
  const allowed = BUTTONS_OF_KIND[draft.kind];
  return draft.buttons.filter((button) => allowed.includes(button.type));
}

/** Quick-reply ids: what Twilio reports back when the customer taps one. Stable per position and text. */
function replyId(text: string, index: number): string {
  const slug = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  return slug || `reply_${index + 1}`;
}

function action(button: DraftButton, index: number): Record<string, unknown> {
  const title = button.text.trim();
  if (button.type === 'QUICK_REPLY') return { type: 'QUICK_REPLY', title, id: replyId(title, index) };
  if (button.type === 'URL') return { type: 'URL', title, url: button.value.trim() };
  if (button.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', title, phone: button.value.trim() };
  return { type: 'COPY_CODE', title, code: button.value.trim() };
}

function typeBody(draft: TemplateDraft): Record<string, unknown> {
  const body = draft.body;
  const actions = buttonsOf(draft).map(action);
  switch (draft.kind) {
    case 'text':
      return { body };
    case 'media':
      return { body, media: [draft.mediaUrl.trim()] };
    case 'quick-reply':
    case 'call-to-action':
      return { body, actions };
    case 'card':
      return {
        body,
        ...(draft.header.trim() && { header_text: draft.header.trim() }),
        ...(draft.footer.trim() && { footer: draft.footer.trim() }),
        ...(actions.length > 0 && { actions }),
      };
    case 'authentication': {
      const minutes = Number(draft.codeExpirationMinutes);
      return {
        add_security_recommendation: draft.addSecurityRecommendation,
        ...(draft.codeExpirationMinutes.trim() !== '' && Number.isFinite(minutes) && { code_expiration_minutes: minutes }),
        actions: buttonsOf(draft).map((button) => ({ type: 'COPY_CODE', copy_code_text: button.text.trim() })),
      };
    }
  }
}

/** The Content to create (or update) for a draft: `friendly_name` is the name, `variables` the samples it uses. */
export function contentRequest(draft: TemplateDraft): ContentRequest {
  const keys = placeholdersIn(variableTexts(draft).join('\n'));
  const variables: Record<string, string> = {};
  for (const key of keys) variables[key] = draft.samples[key] ?? '';
  return {
    friendly_name: draft.name.trim(),
    language: draft.language,
    variables,
    types: { [CONTENT_TYPE_OF_KIND[draft.kind]]: typeBody(draft) },
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object') : [];

function buttonFrom(raw: Record<string, unknown>, fallback: ButtonType): DraftButton {
  const type = (['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'] as const).find((known) => known === raw.type) ?? fallback;
  const value = type === 'URL' ? text(raw.url) : type === 'PHONE_NUMBER' ? text(raw.phone) : type === 'COPY_CODE' ? text(raw.code) : '';
  return { type, text: text(raw.title) || text(raw.copy_code_text), value };
}

/** What a synced template gives a copy: its name, language, category, types and samples. */
export type TemplateSource = Pick<Template, 'name' | 'language' | 'category' | 'types' | 'samples' | 'body'>;

/**
 * A new draft with a template's content, for "Duplicate" (the same template in another language, say) and
 * "Duplicate and fix". The type the extension writes wins when a template has several; a type it does not write
 * becomes a text with the template's body.
 */
export function draftFromTemplate(source: TemplateSource, id: string, now: number): TemplateDraft {
  const draft: TemplateDraft = { ...emptyDraft(id, now), name: source.name, language: source.language, samples: { ...source.samples } };
  if (source.category === 'UTILITY' || source.category === 'MARKETING' || source.category === 'AUTHENTICATION') draft.category = source.category;
  const types = source.types;
  const of = (key: string) => (types[key] && typeof types[key] === 'object' ? (types[key] as Record<string, unknown>) : undefined);
  const auth = of('whatsapp/authentication');
  const card = of('whatsapp/card');
  const cta = of('twilio/call-to-action');
  const replies = of('twilio/quick-reply');
  const media = of('twilio/media');
  const twilioCard = of('twilio/card');
  if (auth) {
    const minutes = auth.code_expiration_minutes;
    return {
      ...draft,
      kind: 'authentication',
      addSecurityRecommendation: auth.add_security_recommendation !== false,
      codeExpirationMinutes: typeof minutes === 'number' ? String(minutes) : '',
      buttons: list(auth.actions).map((a) => buttonFrom(a, 'COPY_CODE')),
    };
  }
  if (card) {
    return { ...draft, kind: 'card', body: text(card.body), header: text(card.header_text), footer: text(card.footer), buttons: list(card.actions).map((a) => buttonFrom(a, 'QUICK_REPLY')) };
  }
  if (twilioCard) {
    return { ...draft, kind: 'card', body: text(twilioCard.title), footer: text(twilioCard.subtitle), buttons: list(twilioCard.actions).map((a) => buttonFrom(a, 'QUICK_REPLY')) };
  }
  if (cta) return { ...draft, kind: 'call-to-action', body: text(cta.body), buttons: list(cta.actions).map((a) => buttonFrom(a, 'URL')) };
  if (replies) return { ...draft, kind: 'quick-reply', body: text(replies.body), buttons: list(replies.actions).map((a) => buttonFrom(a, 'QUICK_REPLY')) };
  if (media) return { ...draft, kind: 'media', body: text(media.body), mediaUrl: text(Array.isArray(media.media) ? media.media[0] : undefined) };
  return { ...draft, kind: 'text', body: text(of('twilio/text')?.body) || source.body };
}
