// A template as the extension keeps it (normalised from Twilio's Content API). Content-safe: types only, shared
// by the background, which stores it, and the pages, which show parts of it.

/** WhatsApp approval states, lower-cased (Twilio mixes cases across API versions); sendable first. */
export const APPROVAL_STATUSES = ['approved', 'received', 'pending', 'unsubmitted', 'rejected', 'paused', 'disabled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface Template {
  sid: string;
  name: string;
  language: string;
  /** UTILITY, MARKETING, AUTHENTICATION, or whatever older data says; '' when never submitted. */
  category: string;
  status: ApprovalStatus;
  rejectionReason: string;
  /** The first known content type, or the first key when none is known. */
  contentType: string;
  /** Raw `types` as Twilio sent them, for the preview. */
  types: Record<string, unknown>;
  /** The text a rep reads: the body of the main type (a card's title when it has no body). */
  body: string;
  /** Placeholder keys in order of first appearance (`1`, `2`, `first_name`). */
  placeholders: string[];
  /** Twilio's sample values per placeholder (`variables`). */
  samples: Record<string, string>;
  /** date_updated, ms since epoch. */
  updatedAt: number;
  /** date_created, ms since epoch; 0 when Twilio gave none, absent in catalogues stored before it was kept. */
  createdAt?: number;
}
