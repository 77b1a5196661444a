import { describe, expect, it } from 'vitest';
import { contentRequest, draftFromTemplate } from '@/lib/templates/authoring/content-types';
import { emptyDraft, type TemplateDraft } from '@/lib/templates/authoring/draft';
import { createSpecValidator, missingSpecsReason } from '../fake-twilio/twilio-spec';

const draft = (change: Partial<TemplateDraft>): TemplateDraft => ({ ...emptyDraft('d', 0), name: 'order_ready', language: 'en', category: 'UTILITY', ...change });

describe('the Content a draft becomes', () => {
  it('a text with two variables: friendly_name, language, the samples it uses, one twilio/text', () => {
    expect(contentRequest(draft({ body: 'Hi {{1}}, order {{2}} is ready.', samples: { '1': 'Mari', '2': 'A-1042', '3': 'left over' } }))).toEqual({
      friendly_name: 'order_ready',
      language: 'en',
      variables: { '1': 'Mari', '2': 'A-1042' },
      types: { 'twilio/text': { body: 'Hi {{1}}, order {{2}} is ready.' } },
    });
  });

  it.each<[string, Partial<TemplateDraft>, Record<string, unknown>]>([
    ['media', { kind: 'media', body: 'Your offer', mediaUrl: ' https://acme.example/{{1}} ', samples: { '1': 'offer.pdf' } }, { 'twilio/media': { body: 'Your offer', media: ['https://acme.example/{{1}}'] } }],
    ['quick replies, with ids from their text', { kind: 'quick-reply', body: 'Come today?', buttons: [{ type: 'QUICK_REPLY', text: 'Yes, today', value: '' }, { type: 'QUICK_REPLY', text: '¿Mañana?', value: '' }] },
      { 'twilio/quick-reply': { body: 'Come today?', actions: [{ type: 'QUICK_REPLY', title: 'Yes, today', id: 'yes_today' }, { type: 'QUICK_REPLY', title: '¿Mañana?', id: 'manana' }] } }],
    ['call to action', { kind: 'call-to-action', body: 'Track it', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example/t/{{1}}' }, { type: 'PHONE_NUMBER', text: 'Call', value: '+37251234567' }, { type: 'COPY_CODE', text: 'Copy code', value: 'SAVE10' }], samples: { '1': 'x' } },
      { 'twilio/call-to-action': { body: 'Track it', actions: [{ type: 'URL', title: 'Track', url: 'https://acme.example/t/{{1}}' }, { type: 'PHONE_NUMBER', title: 'Call', phone: '+37251234567' }, { type: 'COPY_CODE', title: 'Copy code', code: 'SAVE10' }] } }],
    ['a card with a header text and a footer', { kind: 'card', body: 'Your order is ready', header: 'Order A-1', footer: 'Acme' }, { 'whatsapp/card': { body: 'Your order is ready', header_text: 'Order A-1', footer: 'Acme' } }],
    ['authentication', { kind: 'authentication', category: 'AUTHENTICATION', codeExpirationMinutes: '10', buttons: [{ type: 'COPY_CODE', text: 'Copy code', value: '' }] },
      { 'whatsapp/authentication': { add_security_recommendation: true, code_expiration_minutes: 10, actions: [{ type: 'COPY_CODE', copy_code_text: 'Copy code' }] } }],
    ['a type switched away from buttons keeps none', { kind: 'text', body: 'Plain', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example' }] }, { 'twilio/text': { body: 'Plain' } }],
  ])('%s', (_name, change, types) => {
    expect(contentRequest(draft(change)).types).toEqual(types);
  });

  it.skipIf(missingSpecsReason() !== undefined)('every type validates against the spec’s ContentCreateRequest types', () => {
    const spec = createSpecValidator();
    for (const kind of ['text', 'media', 'quick-reply', 'call-to-action', 'card', 'authentication'] as const) {
      const request = contentRequest(draft({ kind, body: 'Hi {{1}} there', mediaUrl: 'https://acme.example/a.pdf', samples: { '1': 'x' },
        buttons: kind === 'authentication' ? [{ type: 'COPY_CODE', text: 'Copy', value: '' }] : kind === 'call-to-action' ? [{ type: 'URL', text: 'Go', value: 'https://acme.example' }] : [{ type: 'QUICK_REPLY', text: 'Ok', value: '' }] }));
      expect(spec.checkContentTypes(request.types), kind).toEqual([]);
    }
  });
});

describe('a draft from a synced template (Duplicate, Duplicate and fix)', () => {
  it.each<[string, TemplateDraft]>([
    ['text', draft({ body: 'Hi {{1}}, order {{2}} is ready.', samples: { '1': 'Mari', '2': 'A-1' } })],
    ['media', draft({ kind: 'media', body: 'Offer', mediaUrl: 'https://acme.example/a.pdf' })],
    ['quick replies', draft({ kind: 'quick-reply', body: 'Today?', buttons: [{ type: 'QUICK_REPLY', text: 'Yes', value: '' }] })],
    ['call to action', draft({ kind: 'call-to-action', body: 'Track', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example/t/{{1}}' }], samples: { '1': 'x' } })],
    ['card', draft({ kind: 'card', body: 'Ready', header: 'Order', footer: 'Acme', buttons: [{ type: 'QUICK_REPLY', text: 'Ok', value: '' }] })],
    ['authentication', draft({ kind: 'authentication', category: 'AUTHENTICATION', codeExpirationMinutes: '5', addSecurityRecommendation: false, buttons: [{ type: 'COPY_CODE', text: 'Copy', value: '' }] })],
  ])('%s comes back as it was written', (_name, original) => {
    const request = contentRequest(original);
    const copy = draftFromTemplate({ name: original.name, language: original.language, category: original.category, types: request.types, samples: request.variables, body: original.body }, 'copy', 5);
    expect(contentRequest(copy)).toEqual(request);
    expect(copy).toMatchObject({ id: 'copy', kind: original.kind, updatedAt: 5 });
    expect(copy.contentSid).toBeUndefined();
  });

  it('a type the workshop does not write becomes a text with the body', () => {
    const copy = draftFromTemplate({ name: 'menu', language: 'et', category: 'TRANSACTIONAL', types: { 'twilio/list-picker': { body: 'Vali', items: [] } }, samples: {}, body: 'Vali' }, 'c', 0);
    expect(copy).toMatchObject({ kind: 'text', body: 'Vali', category: '' });
  });
});
