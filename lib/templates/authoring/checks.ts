import { MAX_VARIABLES, checkVariable } from '../validate';
import { buttonsOf, variableTexts } from './content-types';
import { FIELDS_OF_KIND, BUTTONS_OF_KIND, isWhatsAppLanguage, type TemplateDraft } from './draft';

/**
 * WhatsApp's and Twilio's rules for a template, run on the draft as the rep types. Each broken rule is one Check: an
 * `error` blocks "Submit for WhatsApp approval" (WhatsApp or Twilio would refuse the template), a `warning` does not
 * (WhatsApp may still take it, or it is a likely slip). Pure: the workshop page runs them on every keystroke, the
 * background runs them again before it submits. Each rule's source is beside it.
 */
export type CheckSeverity = 'error' | 'warning';

export type CheckId =
  | 'name-missing'
  | 'name-format'
  | 'name-too-long'
  | 'language-missing'
  | 'category-missing'
  | 'authentication-needs-type'
  | 'type-needs-authentication'
  | 'body-missing'
  | 'body-too-long'
  | 'header-too-long'
  | 'footer-too-long'
  | 'header-variables'
  | 'footer-variables'
  | 'variable-not-numbered'
  | 'variables-gap'
  | 'variables-order'
  | 'too-many-variables'
  | 'variable-at-start'
  | 'variable-at-end'
  | 'variables-adjacent'
  | 'too-few-words'
  | 'sample-missing'
  | 'sample-invalid'
  | 'media-url-invalid'
  | 'buttons-missing'
  | 'too-many-buttons'
  | 'too-many-url-buttons'
  | 'too-many-phone-buttons'
  | 'button-text-missing'
  | 'button-text-too-long'
  | 'button-text-variable'
  | 'button-url-invalid'
  | 'button-url-variable'
  | 'button-phone-invalid'
  | 'code-expiry-invalid'
  | 'card-needs-more'
  | 'language-mismatch';

/** The field a check is about, so the page can point at it. */
export type CheckField = 'name' | 'language' | 'category' | 'kind' | 'body' | 'header' | 'footer' | 'mediaUrl' | 'buttons' | 'samples' | 'expiry';

export interface Check {
  id: CheckId;
  severity: CheckSeverity;
  field: CheckField;
  /** What the message fills in: limits, counts, a button's number, a variable, language codes. */
  values: string[];
}

export interface CheckOptions {
  /**
   * The languages (base WhatsApp codes: `et`, `pt`) the body's text looks like, best first, each with its score
   * relative to the best (1); empty when it cannot tell. The workshop page passes its detector (language.ts); the
   * background none.
   */
  detectLanguage?: (text: string) => LanguageRanking;
}

// Meta, "Message templates" (template name): lowercase alphanumeric characters and underscores, at most 512.
export const NAME_MAX_LENGTH = 512;
// Meta's template components and Twilio's quick-reply / whatsapp/card pages: a body of at most 1,024 characters.
export const BODY_MAX_LENGTH = 1024;
// Meta's template components: a text header and a footer of at most 60 characters each.
export const HEADER_MAX_LENGTH = 60;
export const FOOTER_MAX_LENGTH = 60;
// Twilio twilio/call-to-action ("Max 25 chars") and Meta's buttons: a button's text at most 25 characters.
export const BUTTON_TEXT_MAX_LENGTH = 25;
// Twilio twilio/quick-reply ("between 1 and 10 quick-reply buttons") and Meta's buttons: at most 10 in all.
export const MAX_BUTTONS = 10;
// Twilio twilio/call-to-action: "Up to 2 URL buttons", "Only 1 of the 2 call options" (PHONE or VOICE_CALL).
export const MAX_URL_BUTTONS = 2;
export const MAX_PHONE_BUTTONS = 1;
// Twilio whatsapp/authentication: code_expiration_minutes is a whole number from 1 to 90.
export const CODE_EXPIRY_MINUTES = { min: 1, max: 90 } as const;
/**
 * Twilio, "Using Variables with Content Templates": templates cannot have too many variables for their length; "for
 * every x variables there needs to be 2x+1 non variable words". Said as a warning, as that page warns.
 */
export const wordsNeeded = (variables: number): number => 2 * variables + 1;
export type LanguageRanking = ReadonlyArray<readonly [code: string, score: number]>;

/** Below this many letters the detector guesses more than it knows: no language warning. */
export const LANGUAGE_MIN_LETTERS = 40;
/**
 * Close languages score close (English text scores 0.94 as Danish's runner-up, Portuguese 0.92 as Spanish's): the
 * chosen language is questioned only when it scores below 90 % of the best match.
 */
export const LANGUAGE_MIN_SCORE = 0.9;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const length = (text: string): number => [...text].length;
const isHttpsUrl = (text: string): boolean => {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
};

interface Occurrence {
  key: string;
  start: number;
  end: number;
}

function occurrences(text: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) found.push({ key: match[1] ?? '', start: match.index, end: match.index + match[0].length });
  return found;
}

/** Every rule the draft breaks, errors first, each once (a button rule once per button). */
export function checkDraft(draft: TemplateDraft, options: CheckOptions = {}): Check[] {
  const out: Check[] = [];
  const add = (id: CheckId, severity: CheckSeverity, field: CheckField, ...values: string[]) => out.push({ id, severity, field, values });
  const fields = FIELDS_OF_KIND[draft.kind];
  const name = draft.name.trim();

  // Meta (template name) and Twilio's approval request `name`: lowercase letters, digits and underscores.
  if (name === '') add('name-missing', 'error', 'name');
  else if (!/^[a-z0-9_]+$/.test(name)) add('name-format', 'error', 'name');
  if (length(name) > NAME_MAX_LENGTH) add('name-too-long', 'error', 'name', String(NAME_MAX_LENGTH));
  // Twilio's Content create: `language` is required, one of the codes Meta lists for templates.
  if (!isWhatsAppLanguage(draft.language)) add('language-missing', 'error', 'language');
  // Twilio's approval request: `category` is required (UTILITY, MARKETING or AUTHENTICATION).
  if (!['UTILITY', 'MARKETING', 'AUTHENTICATION'].includes(draft.category)) add('category-missing', 'error', 'category');
  // Twilio whatsapp/authentication: authentication templates are that type (WhatsApp writes their text), and that type
  // is only approved as AUTHENTICATION.
  if (draft.category === 'AUTHENTICATION' && draft.kind !== 'authentication') add('authentication-needs-type', 'error', 'kind');
  if (draft.kind === 'authentication' && draft.category !== '' && draft.category !== 'AUTHENTICATION') add('type-needs-authentication', 'error', 'category');

  const body = draft.body;
  const bodyVars = fields.body ? occurrences(body) : [];
  if (fields.body) {
    // Twilio's content-type pages: `body` is required for every type but authentication.
    if (body.trim() === '') add('body-missing', 'error', 'body');
    if (length(body) > BODY_MAX_LENGTH) add('body-too-long', 'error', 'body', String(length(body)), String(BODY_MAX_LENGTH));
  }
  if (fields.header) {
    if (length(draft.header.trim()) > HEADER_MAX_LENGTH) add('header-too-long', 'error', 'header', String(length(draft.header.trim())), String(HEADER_MAX_LENGTH));
    // Meta's template components: a text header takes at most one variable.
    if (occurrences(draft.header).length > 1) add('header-variables', 'error', 'header');
  }
  if (fields.footer) {
    if (length(draft.footer.trim()) > FOOTER_MAX_LENGTH) add('footer-too-long', 'error', 'footer', String(length(draft.footer.trim())), String(FOOTER_MAX_LENGTH));
    // Meta's template components: a footer takes no variables.
    if (occurrences(draft.footer).length > 0) add('footer-variables', 'error', 'footer');
  }

  // The variables of the whole template (header, body, media and button URLs): Twilio's variables are one set.
  const all = variableTexts(draft).flatMap((text) => occurrences(text).map((o) => o.key));
  const keys = [...new Set(all)];
  // Twilio, "Using Variables with Content Templates" (templates out of session on WhatsApp): positional variables,
  // `{{1}}`, `{{2}}`, … without skipping a number (Meta refuses "{{1}} words {{3}}").
  const named = keys.filter((key) => !/^[1-9]\d*$/.test(key));
  for (const key of named) add('variable-not-numbered', 'error', 'body', `{{${key}}}`);
  const numbers = keys.filter((key) => /^[1-9]\d*$/.test(key)).map(Number);
  const missing: string[] = [];
  for (let n = 1; n <= Math.max(0, ...numbers); n++) if (!numbers.includes(n)) missing.push(`{{${n}}}`);
  if (missing.length > 0) add('variables-gap', 'error', 'body', missing.join(', '));
  // The same page lets the numbers appear out of order ("{{1}} words {{3}} words {{2}}" is allowed), so a template in
  // another order is only warned about: the samples and the picker's fields follow the numbers, not the text.
  else if (named.length === 0 && numbers.some((n, i) => n !== i + 1)) add('variables-order', 'warning', 'body', numbers.map((n) => `{{${n}}}`).join(', '));
  // Twilio: "A single template can contain up to 100 variables."
  if (keys.length > MAX_VARIABLES) add('too-many-variables', 'error', 'body', String(MAX_VARIABLES));

  const first = bodyVars[0];
  const last = bodyVars.at(-1);
  if (first && last) {
    // Twilio's quick-reply and call-to-action pages and "Using Variables": a body that starts or ends with a variable
    // is not approved; a variable followed only by punctuation is at the end.
    if (/^[\s\p{P}]*$/u.test(body.slice(0, first.start))) add('variable-at-start', 'error', 'body');
    if (/^[\s\p{P}]*$/u.test(body.slice(last.end))) add('variable-at-end', 'error', 'body');
    // Same sources: two variables may not stand next to each other; one separated only by spaces or punctuation is.
    const adjacent = bodyVars.findIndex((next, i) => i > 0 && !/[\p{L}\p{N}]/u.test(body.slice(bodyVars[i - 1]?.end, next.start)));
    if (adjacent > 0) add('variables-adjacent', 'error', 'body', `{{${bodyVars[adjacent - 1]?.key}}}`, `{{${bodyVars[adjacent]?.key}}}`);
    const words = body.replace(PLACEHOLDER, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    if (words < wordsNeeded(bodyVars.length)) add('too-few-words', 'warning', 'body', String(bodyVars.length), String(wordsNeeded(bodyVars.length)), String(words));
  }

  // Twilio's content-type pages and "Using Variables": a sample for every variable (WhatsApp reviews the template
  // with them), each a value Twilio would send (not blank, no line breaks or tabs, no run of 5 spaces: 21656).
  for (const key of keys) {
    const sample = draft.samples[key] ?? '';
    const problem = checkVariable(sample);
    if (problem === 'missing') add('sample-missing', 'error', 'samples', `{{${key}}}`);
    else if (problem) add('sample-invalid', 'error', 'samples', `{{${key}}}`);
  }

  if (fields.mediaUrl) {
    // Twilio twilio/media and whatsapp/card: WhatsApp needs a public media sample; a variable URL's combined URL must
    // be a publicly hosted file whose name says its type.
    const combined = fill(draft.mediaUrl.trim(), draft.samples);
    if (!isHttpsUrl(combined) || !/\.[A-Za-z0-9]{2,5}$/.test(new URL(combined).pathname)) add('media-url-invalid', 'error', 'mediaUrl');
  }
  if (draft.kind === 'card') {
    // Twilio whatsapp/card: "It must include a body and at least one additional field."
    if (draft.header.trim() === '' && draft.footer.trim() === '' && buttonsOf(draft).length === 0) add('card-needs-more', 'error', 'header');
  }
  if (draft.kind === 'authentication') {
    const minutes = draft.codeExpirationMinutes.trim();
    if (minutes !== '' && !(/^\d+$/.test(minutes) && Number(minutes) >= CODE_EXPIRY_MINUTES.min && Number(minutes) <= CODE_EXPIRY_MINUTES.max)) {
      add('code-expiry-invalid', 'error', 'expiry', String(CODE_EXPIRY_MINUTES.min), String(CODE_EXPIRY_MINUTES.max));
    }
  }

  checkButtons(draft, add);

  const chosen = baseLanguage(draft.language);
  const ranking = options.detectLanguage && fields.body && draft.language ? rankFixedText(body, options.detectLanguage) : [];
  const best = ranking[0]?.[0];
  const chosenScore = ranking.find(([code]) => code === chosen)?.[1] ?? 0;
  if (best && best !== chosen && chosenScore < LANGUAGE_MIN_SCORE) add('language-mismatch', 'warning', 'language', best, chosen);

  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

function checkButtons(draft: TemplateDraft, add: (id: CheckId, severity: CheckSeverity, field: CheckField, ...values: string[]) => void): void {
  const allowed = BUTTONS_OF_KIND[draft.kind];
  const buttons = buttonsOf(draft);
  // Twilio: quick-reply and call-to-action need 1 or more buttons; whatsapp/authentication one COPY_CODE button.
  if ((draft.kind === 'quick-reply' || draft.kind === 'call-to-action' || draft.kind === 'authentication') && buttons.length === 0) add('buttons-missing', 'error', 'buttons');
  if (allowed.length === 0) return;
  if (buttons.length > (draft.kind === 'authentication' ? 1 : MAX_BUTTONS)) add('too-many-buttons', 'error', 'buttons', String(draft.kind === 'authentication' ? 1 : MAX_BUTTONS));
  if (buttons.filter((b) => b.type === 'URL').length > MAX_URL_BUTTONS) add('too-many-url-buttons', 'error', 'buttons', String(MAX_URL_BUTTONS));
  if (buttons.filter((b) => b.type === 'PHONE_NUMBER').length > MAX_PHONE_BUTTONS) add('too-many-phone-buttons', 'error', 'buttons', String(MAX_PHONE_BUTTONS));
  buttons.forEach((button, i) => {
    const n = String(i + 1);
    const text = button.text.trim();
    if (text === '') add('button-text-missing', 'error', 'buttons', n);
    else if (length(text) > BUTTON_TEXT_MAX_LENGTH) add('button-text-too-long', 'error', 'buttons', n, String(length(text)), String(BUTTON_TEXT_MAX_LENGTH));
    // Twilio twilio/call-to-action: a button's text takes no variables.
    if (occurrences(text).length > 0) add('button-text-variable', 'error', 'buttons', n);
    if (button.type === 'URL') {
      const url = button.value.trim();
      const vars = occurrences(url);
      const only = vars.length === 1 ? vars[0] : undefined;
      // Twilio twilio/call-to-action ("Variables are supported at the end of the url") and the Content FAQ ("for
      // WhatsApp, the URL up to the domain name must be static"): one variable, at the very end of an https URL.
      if (vars.length > 1 || (only && only.end !== url.length)) add('button-url-variable', 'error', 'buttons', n);
      else {
        const fixed = only ? url.slice(0, only.start) : url;
        // A variable right after the host would make the domain itself variable: a path, query or fragment must begin.
        const isStaticHost = vars.length === 0 || /^https:\/\/[^/?#]+[/?#]/.test(fixed);
        if (!isHttpsUrl(vars.length === 1 ? `${fixed}x` : url) || !isStaticHost) add('button-url-invalid', 'error', 'buttons', n);
      }
    }
    // Twilio twilio/call-to-action: the phone number in E.164 (+ and the country code).
    if (button.type === 'PHONE_NUMBER' && !/^\+[1-9]\d{6,14}$/.test(button.value.replace(/[\s-]/g, ''))) add('button-phone-invalid', 'error', 'buttons', n);
  });
}

function fill(text: string, samples: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => samples[key] ?? whole);
}

/** `pt_BR` → `pt`: the detector tells languages, not regions. */
export const baseLanguage = (code: string): string => code.split('_')[0] || code;

/** The languages of the body's own words (variables out), when it has enough letters to tell. */
function rankFixedText(body: string, detect: (text: string) => LanguageRanking): LanguageRanking {
  const fixed = body.replace(PLACEHOLDER, ' ');
  const letters = fixed.match(/\p{L}/gu)?.length ?? 0;
  return letters < LANGUAGE_MIN_LETTERS ? [] : detect(fixed);
}
