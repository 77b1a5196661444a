import type { Check, CheckId } from '@/lib/templates/authoring/checks';
import { formatNumber } from '@/lib/format';
import { t, type MessageKey } from '@/lib/i18n';

/** Each check in words: the rule, and how to fix it. */
const MESSAGE: Record<CheckId, MessageKey> = {
  'name-missing': 'check_name_missing',
  'name-format': 'check_name_format',
  'name-too-long': 'check_name_too_long',
  'language-missing': 'check_language_missing',
  'category-missing': 'check_category_missing',
  'authentication-needs-type': 'check_authentication_needs_type',
  'type-needs-authentication': 'check_type_needs_authentication',
  'body-missing': 'check_body_missing',
  'body-too-long': 'check_body_too_long',
  'header-too-long': 'check_header_too_long',
  'footer-too-long': 'check_footer_too_long',
  'header-variables': 'check_header_variables',
  'footer-variables': 'check_footer_variables',
  'variable-not-numbered': 'check_variable_not_numbered',
  'variables-gap': 'check_variables_gap',
  'variables-order': 'check_variables_order',
  'too-many-variables': 'check_too_many_variables',
  'variable-at-start': 'check_variable_at_start',
  'variable-at-end': 'check_variable_at_end',
  'variables-adjacent': 'check_variables_adjacent',
  'too-few-words': 'check_too_few_words',
  'sample-missing': 'check_sample_missing',
  'sample-invalid': 'check_sample_invalid',
  'media-url-invalid': 'check_media_url_invalid',
  'buttons-missing': 'check_buttons_missing',
  'too-many-buttons': 'check_too_many_buttons',
  'too-many-url-buttons': 'check_too_many_url_buttons',
  'too-many-phone-buttons': 'check_too_many_phone_buttons',
  'button-text-missing': 'check_button_text_missing',
  'button-text-too-long': 'check_button_text_too_long',
  'button-text-variable': 'check_button_text_variable',
  'button-url-invalid': 'check_button_url_invalid',
  'button-url-variable': 'check_button_url_variable',
  'button-phone-invalid': 'check_button_phone_invalid',
  'code-expiry-invalid': 'check_code_expiry_invalid',
  'card-needs-more': 'check_card_needs_more',
  'language-mismatch': 'check_language_mismatch',
};

const display = new Map<string, Intl.DisplayNames>();

/** A WhatsApp language code in the rep's language ("Estonian", "Portuguese (Brazil)"); the code when unknown. */
export function languageName(code: string, locale: string): string {
  let names = display.get(locale);
  if (!names) display.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
  try {
    return names.of(code.replace('_', '-')) ?? code;
  } catch {
    return code;
  }
}

/** The check in words, its numbers in the rep's locale and language codes as language names. */
export function checkMessage(check: Check, locale: string): string {
  const values = check.id === 'language-mismatch'
    ? check.values.map((code) => languageName(code, locale))
    : check.values.map((value) => (/^\d+$/.test(value) ? formatNumber(Number(value), locale) : value));
  return t(MESSAGE[check.id], ...values);
}
