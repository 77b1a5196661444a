/** Twilio's REST error body and the codes the fake answers with. */

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

interface CatalogEntry {
  status: number;
  message: string;
}

/**
 * Default HTTP status and wording per code. Wording follows Twilio's error dictionary closely enough for
 * a human; clients must branch on `code`, never on `message`.
 */
const CATALOG: Record<number, CatalogEntry> = {
  // Invalid paging/filter parameters; the code is our choice (see README "Guesses").
  20001: { status: 400, message: 'Invalid parameter' },
  20003: { status: 401, message: 'Authenticate' },
  20004: { status: 405, message: 'Method not allowed' },
  20404: { status: 404, message: 'The requested resource was not found' },
  20429: { status: 429, message: 'Too Many Requests' },
  20500: { status: 500, message: 'Internal Server Error' },
  20503: { status: 503, message: 'Service Unavailable' },
  21211: { status: 400, message: "Invalid 'To' Phone Number" },
  21602: { status: 400, message: 'Message body is required.' },
  21603: { status: 400, message: "A 'From' phone number is required." },
  21604: { status: 400, message: "A 'To' phone number is required." },
  21620: { status: 400, message: 'Invalid media URL(s)' },
  21623: { status: 400, message: 'Number of media files exceeds allowed limit' },
  21654: { status: 400, message: 'ContentSid Required' },
  21656: { status: 400, message: 'The ContentVariables Parameter is invalid.' },
  63007: { status: 400, message: 'Twilio could not find a Channel with the specified From address' },
};

/** Wording of the asynchronous failures as they appear in a message's `error_message`. */
export const ASYNC_ERROR_MESSAGES: Record<number, string> = {
  63016:
    'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
  63024: 'Invalid message recipient',
  63032: "We cannot send this message to this user because of a WhatsApp limitation (Meta's marketing message experiment).",
  63049: 'Meta chose not to deliver this WhatsApp marketing message.',
};

export function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

export function errorBody(code: number, message?: string, status?: number): TwilioErrorBody {
  const entry = CATALOG[code];
  return {
    code,
    message: message ?? entry?.message ?? 'Error',
    more_info: moreInfo(code),
    status: status ?? entry?.status ?? 400,
  };
}

/** The code Twilio pairs with a bare HTTP status, for faults that give only a status. */
export function defaultCodeForStatus(status: number): number {
  if (status === 401) return 20003;
  if (status === 404) return 20404;
  if (status === 405) return 20004;
  if (status === 429) return 20429;
  if (status === 503) return 20503;
  if (status >= 500) return 20500;
  return 20001;
}

/** Thrown by handlers and parsers; the server turns it into the error response. */
export class TwilioApiError extends Error {
  readonly body: TwilioErrorBody;

  constructor(code: number, message?: string, status?: number) {
    const body = errorBody(code, message, status);
    super(`${body.status} ${code}: ${body.message}`);
    this.body = body;
  }
}

export function notFound(path: string): TwilioApiError {
  return new TwilioApiError(20404, `The requested resource ${path} was not found`);
}
