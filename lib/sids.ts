/** Twilio SIDs are two letters and 32 hex digits (DESIGN §2). Pure; shared by the popup and the background. */
export const SID_PATTERN = {
  account: /^AC[0-9a-fA-F]{32}$/,
  apiKey: /^SK[0-9a-fA-F]{32}$/,
  content: /^HX[0-9a-fA-F]{32}$/,
  /** SM for a text, MM for a message with media. */
  message: /^(SM|MM)[0-9a-fA-F]{32}$/,
  media: /^ME[0-9a-fA-F]{32}$/,
  sender: /^XE[0-9a-fA-F]{32}$/,
} as const;

/** Pasted values often carry spaces or a line break at either end. */
export const cleanPasted = (value: string): string => value.trim();

/** A secret is one run of visible characters: inner spaces or line breaks mean a bad paste. */
export const isPlausibleSecret = (value: string): boolean => /^\S{16,128}$/.test(value);
