import type { ApiError } from '@/lib/messaging/protocol';
import { t } from '@/lib/i18n';

/**
 * What went wrong talking to Twilio from the workshop, in words, with what to do. Twilio's refusals (a 400 with its
 * code) are explained by code where Twilio documents one; otherwise Twilio's own message is quoted. Whatever the
 * answer, the form and the draft stay as the rep wrote them.
 */
export function workshopErrorText(error: ApiError): string {
  if (error.code === 'twilio-refused') {
    if (error.twilioCode === 92009) return t('workshop_error_92009');
    if (error.twilioCode === 92008) return t('workshop_error_92008');
    if (error.twilioCode === 90025) return t('workshop_error_90025');
    if (error.twilioCode === 20404) return t('workshop_error_gone');
    return t('workshop_error_refused', String(error.twilioCode ?? '?'), error.message);
  }
  if (error.code === 'has-errors') return t('workshop_error_has_errors');
  if (error.code === 'not-connected') return t('workshop_error_not_connected');
  if (error.code === 'bad-secret') return t('sync_error_bad_secret');
  if (error.code === 'no-access') return t('workshop_error_no_access');
  if (error.code === 'unreachable') return t('workshop_error_unreachable');
  if (error.code === 'twilio-error') return t('workshop_error_twilio', error.message);
  return t('workshop_error_internal');
}
