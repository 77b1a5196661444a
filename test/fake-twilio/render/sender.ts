import type { SenderRecord } from '../types';

export const MESSAGING_ORIGIN = 'https://messaging.twilio.com';

/** A WhatsApp sender as messaging.twilio.com returns it (schema `messaging.v2.channels_sender_response`). */
export interface SenderJson {
  sid: string;
  status: string;
  sender_id: string;
  configuration: {
    waba_id: string;
    verification_method: null;
    verification_code: null;
    voice_application_sid: null;
    account_type: null;
  };
  webhook: {
    callback_url: null;
    callback_method: null;
    fallback_url: null;
    fallback_method: null;
    status_callback_url: null;
    status_callback_method: null;
  };
  profile: {
    name: string;
    about: string;
    address: null;
    description: null;
    emails: null;
    logo_url: null;
    vertical: string;
    websites: null;
    banner_url: null;
    privacy_url: null;
    terms_of_service_url: null;
    accent_color: null;
    phone_numbers: null;
  };
  properties: { quality_rating: string; messaging_limit: string };
  offline_reasons: null;
  compliance: null;
  url: string;
}

export function renderSender(sender: SenderRecord): SenderJson {
  return {
    sid: sender.sid,
    status: sender.status,
    sender_id: sender.senderId,
    configuration: {
      waba_id: '104857600000001',
      verification_method: null,
      verification_code: null,
      voice_application_sid: null,
      account_type: null,
    },
    // Twilio returns every documented key, null when unset; the tightened schema test relies on that.
    webhook: {
      callback_url: null,
      callback_method: null,
      fallback_url: null,
      fallback_method: null,
      status_callback_url: null,
      status_callback_method: null,
    },
    profile: {
      name: sender.profileName,
      about: sender.about,
      address: null,
      description: null,
      emails: null,
      logo_url: null,
      vertical: sender.vertical,
      websites: null,
      banner_url: null,
      privacy_url: null,
      terms_of_service_url: null,
      accent_color: null,
      phone_numbers: null,
    },
    properties: { quality_rating: 'HIGH', messaging_limit: '10K Customers/24hr' },
    offline_reasons: null,
    compliance: null,
    url: `${MESSAGING_ORIGIN}/v2/Channels/Senders/${sender.sid}`,
  };
}
