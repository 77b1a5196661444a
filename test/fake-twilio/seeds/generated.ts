import { DAY_MS } from '../dates';
import type { ApprovalStatus, ContentTypes, GeneratedSeed, MessageRecord, SeedCredentials, SeedData, SenderRecord } from '../types';
import { createRandom, pick } from './prng';
import { inbound, senderRecord, templateRecord } from './records';

/**
 * A synthetic account of any size for benchmarks: N templates, M inbound messages from K contacts over
 * the last 24 h. Deterministic for a given `seed`; builds 10,000 + 10,000 in well under a second.
 */
export const GENERATED_CREDENTIALS: SeedCredentials = {
  accountSid: 'AC515403b903b5c53f7a4824065f9bed11',
  authToken: '9c48a7248b34e4fc189ef4e9120f78be',
  mainKeySid: 'SKb54cdcbec69bee636597c161db786993',
  mainKeySecret: 'd6fa0e8dd85ba2254eecac8287147423',
  standardKeySid: 'SKaea21b2eba532970e7e4f3541c711de5',
  standardKeySecret: '7db8fc91152bab50dfeebbec0947498a',
  friendlyName: 'Bench Account',
};

/** Mostly approved, like a real catalogue, with some of every other status. */
const STATUSES: readonly ApprovalStatus[] = [
  ...Array<ApprovalStatus>(14).fill('approved'),
  'pending',
  'received',
  'rejected',
  'paused',
  'disabled',
  'unsubmitted',
];
const LANGUAGES = ['en', 'et', 'es', 'pt_BR', 'de', 'fr'] as const;
const CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;
const SUBJECTS = ['order', 'invoice', 'appointment', 'delivery', 'quote', 'renewal', 'ticket', 'booking'] as const;

export function generatedSenderNumber(index: number): string {
  return `+1415555${String(1000 + index)}`;
}

/** Contact numbers are Estonian mobiles +3725xxxxxxx, numbered from 0. */
export function generatedContactNumber(index: number): string {
  return `+3725${String(index).padStart(7, '0')}`;
}

export function generatedSeed(spec: GeneratedSeed, now: number): SeedData {
  const seed = spec.seed ?? 1;
  const random = createRandom(seed);
  const senders: SenderRecord[] = Array.from({ length: Math.max(1, spec.senders ?? 1) }, (_, i) =>
    senderRecord(`gen:${seed}:sender:${i}`, generatedSenderNumber(i), `Bench Sender ${i + 1}`, 'Generated sender'),
  );
  const templates = Array.from({ length: spec.templates }, (_, i) => {
    const subject = pick(random, SUBJECTS);
    const status = pick(random, STATUSES);
    return templateRecord(`gen:${seed}:template:${i}`, {
      friendlyName: `${subject}_update_${i}`,
      language: pick(random, LANGUAGES),
      variables: { '1': 'Alex', '2': `${subject.toUpperCase()}-${1000 + i}` },
      types: generatedTypes(random, subject),
      approval: {
        category: pick(random, CATEGORIES),
        status,
        rejectionReason: status === 'rejected' ? 'INVALID_FORMAT: generated rejection for benchmarks.' : '',
      },
      dateCreated: now - Math.floor(random() * 365) * DAY_MS,
    });
  });
  const contacts = Math.max(1, spec.contacts);
  const messages: MessageRecord[] = Array.from({ length: spec.inbound }, (_, i) =>
    inbound(
      `gen:${seed}:inbound:${i}`,
      generatedContactNumber(Math.floor(random() * contacts)),
      pick(random, senders).senderId.replace(/^whatsapp:/, ''),
      now - Math.floor(random() * DAY_MS),
      `Message ${i + 1} about my ${pick(random, SUBJECTS)}`,
    ),
  );
  return {
    credentials: GENERATED_CREDENTIALS,
    account: { friendlyName: GENERATED_CREDENTIALS.friendlyName, type: 'Full', dateCreated: now - 365 * DAY_MS },
    templates,
    senders,
    messages,
    contactFailures: [],
  };
}

function generatedTypes(random: () => number, subject: string): ContentTypes {
  const body = `Hello {{1}}, an update about your ${subject} {{2}}.`;
  switch (Math.floor(random() * 4)) {
    case 0:
      return { 'twilio/media': { body, media: [`https://bench.example/${subject}.jpg`] } };
    case 1:
      return { 'twilio/quick-reply': { body, actions: [{ id: 'ok', title: 'OK' }, { id: 'call', title: 'Call me' }] } };
    case 2:
      return { 'twilio/call-to-action': { body, actions: [{ type: 'URL', title: 'Open', url: 'https://bench.example/{{2}}' }] } };
    default:
      return { 'twilio/text': { body } };
  }
}
