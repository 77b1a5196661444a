import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isE164, whatsAppForms } from './phone';

// Background only: `/max` carries every country's number types (about twice `/min`), too much for the content script.

/**
 * Whether a number is a mobile, as libphonenumber's full metadata types it: true for MOBILE; false for a landline,
 * toll-free, premium, VoIP, pager or other non-mobile type; undefined when the digits cannot say.
 *
 * FIXED_LINE_OR_MOBILE is undefined, not true: the US, Canada, Mexico and China number both kinds from the same
 * ranges, so true would call every number there a mobile and a chooser could no longer prefer the one Pipedrive
 * labels `mobile`. WhatsApp's own forms are judged by what they mean: Mexico's `+521…` is the old mobile form, a
 * Brazilian 8-digit subscriber is a mobile when its 9-digit form is, and an Argentine number stored without its 9
 * (which libphonenumber calls FIXED_LINE) is unknown, because landlines and mobiles share those digits.
 */
export function isMobileNumber(e164: string): boolean | undefined {
  if (!isE164(e164)) return undefined;
  if (/^\+521\d{10}$/.test(e164)) return true;

  const [, other] = whatsAppForms(e164);
  const otherType = other === undefined ? undefined : parsePhoneNumberFromString(other)?.getType();
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return otherType === 'MOBILE' ? true : undefined;

  const type = parsed.getType();
  if (type === 'MOBILE') return true;
  if (type === undefined || type === 'FIXED_LINE_OR_MOBILE') return undefined;
  if (type === 'FIXED_LINE' && otherType === 'MOBILE') return undefined;
  return false;
}
