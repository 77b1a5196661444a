/**
 * A template as the rep writes it in the workshop, before it is a Twilio Content: the fields of the editor, kept as
 * they were typed (a draft in progress may break every rule). Pure and shared by the workshop page, which edits it,
 * and the background, which stores it and turns it into a Content request (content-types.ts).
 */

/** The editor's "Type" choices; each maps to one Twilio content type (content-types.ts). */
export const TEMPLATE_KINDS = ['text', 'media', 'quick-reply', 'call-to-action', 'card', 'authentication'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** WhatsApp's template categories (DESIGN §11); the approval request names one. */
export const TEMPLATE_CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** A button's kind, in Twilio's words (`actions[].type`). */
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];

/** Which buttons each type carries (Twilio's content-type pages): the editor offers these, a check refuses others. */
export const BUTTONS_OF_KIND: Record<TemplateKind, readonly ButtonType[]> = {
  text: [],
  media: [],
  'quick-reply': ['QUICK_REPLY'],
  'call-to-action': ['URL', 'PHONE_NUMBER', 'COPY_CODE'],
  card: ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'],
  authentication: ['COPY_CODE'],
};

/** The fields each type has besides the name, language, category and its buttons. */
export const FIELDS_OF_KIND: Record<TemplateKind, { body: boolean; header: boolean; footer: boolean; mediaUrl: boolean }> = {
  text: { body: true, header: false, footer: false, mediaUrl: false },
  media: { body: true, header: false, footer: false, mediaUrl: true },
  'quick-reply': { body: true, header: false, footer: false, mediaUrl: false },
  'call-to-action': { body: true, header: false, footer: false, mediaUrl: false },
  card: { body: true, header: true, footer: true, mediaUrl: false },
  // WhatsApp writes an authentication template's text itself ("{{1}} is your verification code."): no body.
  authentication: { body: false, header: false, footer: false, mediaUrl: false },
};

export interface DraftButton {
  type: ButtonType;
  /** What the button says (Twilio's `title`; an authentication button's `copy_code_text`). */
  text: string;
  /** A URL button's link, a phone button's number, a copy-code button's code; '' for a quick reply. */
  value: string;
}

export interface TemplateDraft {
  /** Client-generated; the key of the draft in the extension's storage. */
  id: string;
  /** The Content's `friendly_name` and the approval request's `name`. */
  name: string;
  /** A WhatsApp language code (`en`, `pt_BR`), or '' before the rep chose one. */
  language: string;
  /** One of TEMPLATE_CATEGORIES, or '' before the rep chose one. */
  category: string;
  kind: TemplateKind;
  body: string;
  /** A card's header text. */
  header: string;
  /** A card's footer. */
  footer: string;
  /** A media template's file: a public https URL (its end may be a variable). */
  mediaUrl: string;
  buttons: DraftButton[];
  /** Sample value per variable key (`{"1": "Mari"}`): the Content's `variables`. */
  samples: Record<string, string>;
  /** Authentication: the expiry WhatsApp adds to the message, in minutes ('' for none). */
  codeExpirationMinutes: string;
  /** Authentication: WhatsApp's "For your security, do not share this code." line. */
  addSecurityRecommendation: boolean;
  /** The Content "Save as draft" created, while it is unsubmitted: saving again updates it. */
  contentSid?: string;
  /** "Duplicate and fix": the rejected template this one fixes, with WhatsApp's reason, shown beside the form. */
  fixes?: { sid: string; name: string; reason: string };
  /** ms since epoch; the newest drafts are kept (drafts-repo). */
  updatedAt: number;
}

export function emptyDraft(id: string, now: number): TemplateDraft {
  return {
    id,
    name: '',
    language: '',
    category: '',
    kind: 'text',
    body: '',
    header: '',
    footer: '',
    mediaUrl: '',
    buttons: [],
    samples: {},
    codeExpirationMinutes: '',
    addSecurityRecommendation: true,
    updatedAt: now,
  };
}

/**
 * The languages WhatsApp accepts for templates (Meta's "Supported Languages" list for message templates), with the
 * ISO 639-3 code of the language the language detector names (language.ts; `undefined` where it knows none).
 */
export const WHATSAPP_LANGUAGES: ReadonlyArray<readonly [code: string, detected: string | undefined]> = [
  ['af', 'afr'], ['sq', 'als'], ['ar', 'arb'], ['az', 'azj'], ['bn', 'ben'], ['bg', 'bul'], ['ca', 'cat'],
  ['zh_CN', 'cmn'], ['zh_HK', 'cmn'], ['zh_TW', 'cmn'], ['hr', 'hrv'], ['cs', 'ces'], ['da', 'dan'], ['nl', 'nld'],
  ['en', 'eng'], ['en_GB', 'eng'], ['en_US', 'eng'], ['et', 'ekk'], ['fil', 'tgl'], ['fi', 'fin'], ['fr', 'fra'],
  ['ka', 'kat'], ['de', 'deu'], ['el', 'ell'], ['gu', 'guj'], ['ha', 'hau'], ['he', 'heb'], ['hi', 'hin'],
  ['hu', 'hun'], ['id', 'ind'], ['ga', undefined], ['it', 'ita'], ['ja', 'jpn'], ['kn', 'kan'], ['kk', 'kaz'],
  ['rw_RW', 'kin'], ['ko', 'kor'], ['ky_KG', 'kir'], ['lo', 'lao'], ['lv', 'lvs'], ['lt', 'lit'], ['mk', 'mkd'],
  ['ms', 'zlm'], ['ml', 'mal'], ['mr', 'mar'], ['nb', 'nob'], ['fa', 'pes'], ['pl', 'pol'], ['pt_BR', 'por'],
  ['pt_PT', 'por'], ['pa', 'pan'], ['ro', 'ron'], ['ru', 'rus'], ['sr', 'srp'], ['sk', 'slk'], ['sl', 'slv'],
  ['es', 'spa'], ['es_AR', 'spa'], ['es_ES', 'spa'], ['es_MX', 'spa'], ['sw', 'swh'], ['sv', 'swe'], ['ta', 'tam'],
  ['te', 'tel'], ['th', 'tha'], ['tr', 'tur'], ['uk', 'ukr'], ['ur', 'urd'], ['uz', 'uzn'], ['vi', 'vie'], ['zu', 'zul'],
];

export const isWhatsAppLanguage = (code: string): boolean => WHATSAPP_LANGUAGES.some(([known]) => known === code);
