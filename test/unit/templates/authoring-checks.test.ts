import { beforeAll, describe, expect, it } from 'vitest';
import { checkDraft, type Check, type CheckId } from '@/lib/templates/authoring/checks';
import { emptyDraft, type TemplateDraft } from '@/lib/templates/authoring/draft';
import { detectLanguage } from '@/lib/templates/authoring/language';
import { checkMessage } from '@/components/workshop/check-messages';
import { useMessages } from '../helpers/i18n';

/**
 * Every rule of the template workshop, in a table: a draft that passes, one that breaks the rule (with the words the
 * rep reads), and where it matters the edge that still passes.
 */
beforeAll(() => useMessages('en'));

/** A text template that passes every rule, to break one field at a time. */
const good = (change: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyDraft('d1', 0),
  name: 'order_ready',
  language: 'en',
  category: 'UTILITY',
  kind: 'text',
  body: 'Hi {{1}}, your order {{2}} is ready for pickup at our shop. See you soon!',
  samples: { '1': 'Mari', '2': 'A-1042' },
  ...change,
});

const ids = (checks: Check[]) => checks.map((c) => c.id);
const only = (checks: Check[], id: CheckId) => checks.filter((c) => c.id === id);

describe('a template that breaks nothing', () => {
  it.each<[string, Partial<TemplateDraft>]>([
    ['text', {}],
    ['media', { kind: 'media', mediaUrl: 'https://acme.example/files/{{3}}', samples: { '1': 'Mari', '2': 'A-1042', '3': 'offer.pdf' } }],
    ['quick replies', { kind: 'quick-reply', buttons: [{ type: 'QUICK_REPLY', text: 'I’ll come today', value: '' }, { type: 'QUICK_REPLY', text: 'Deliver it', value: '' }] }],
    ['call to action', { kind: 'call-to-action', buttons: [{ type: 'URL', text: 'Track it', value: 'https://acme.example/t/{{3}}' }, { type: 'PHONE_NUMBER', text: 'Call us', value: '+37251234567' }], samples: { '1': 'Mari', '2': 'A-1042', '3': 'A-1042' } }],
    ['card with header and footer', { kind: 'card', header: 'Order {{1}} is ready', footer: 'Reply STOP to opt out' }],
    ['authentication', { kind: 'authentication', category: 'AUTHENTICATION', body: '', samples: {}, codeExpirationMinutes: '10', buttons: [{ type: 'COPY_CODE', text: 'Copy code', value: '' }] }],
  ])('%s: no checks', (_name, change) => {
    expect(checkDraft(good(change), { detectLanguage })).toEqual([]);
  });
});

/**
 * [rule, severity, a draft that breaks it, the English words]. Each case breaks exactly the rule named (plus any
 * listed in the last column when one slip necessarily breaks two).
 */
type Case = [CheckId, 'error' | 'warning', Partial<TemplateDraft>, string];
const CASES: Case[] = [
  ['name-missing', 'error', { name: '  ' }, 'Give the template a name: lowercase letters, digits and underscores, such as order_update.'],
  ['name-format', 'error', { name: 'Order ready' }, 'The name may only have lowercase letters, digits and underscores (WhatsApp’s rule): write order_update, not Order update.'],
  ['name-format', 'error', { name: 'order-ready' }, 'The name may only have lowercase letters, digits and underscores (WhatsApp’s rule): write order_update, not Order update.'],
  ['name-too-long', 'error', { name: 'a'.repeat(513) }, 'The name is longer than 512 characters: shorten it.'],
  ['language-missing', 'error', { language: '' }, 'Choose the language the template is written in.'],
  ['language-missing', 'error', { language: 'klingon' }, 'Choose the language the template is written in.'],
  ['category-missing', 'error', { category: '' }, 'Choose a category: Utility, Marketing or Authentication.'],
  ['authentication-needs-type', 'error', { category: 'AUTHENTICATION' }, 'Authentication templates are WhatsApp’s own one-time-code message: choose the type “One-time code”.'],
  ['type-needs-authentication', 'error', { kind: 'authentication', body: '', samples: {}, buttons: [{ type: 'COPY_CODE', text: 'Copy', value: '' }] }, 'A one-time-code template must be in the Authentication category: choose Authentication.'],
  ['body-missing', 'error', { body: ' ', samples: {} }, 'Write the body: the message the customer reads.'],
  ['body-too-long', 'error', { body: `Hi {{1}}, order {{2}} is ready. ${'x'.repeat(1000)}` }, 'The body has 1,032 characters; WhatsApp allows 1,024. Shorten it.'],
  ['header-too-long', 'error', { kind: 'card', header: 'h'.repeat(61) }, 'The header has 61 characters; WhatsApp allows 60. Shorten it.'],
  ['footer-too-long', 'error', { kind: 'card', footer: 'f'.repeat(61) }, 'The footer has 61 characters; WhatsApp allows 60. Shorten it.'],
  ['header-variables', 'error', { kind: 'card', header: 'Hi {{1}}, order {{2}}' }, 'The header may hold at most one variable: keep one and move the others into the body.'],
  ['footer-variables', 'error', { kind: 'card', footer: 'For {{1}}' }, 'The footer may hold no variable: write it as fixed text.'],
  ['variable-not-numbered', 'error', { body: 'Hi {{first_name}}, your order {{2}} is ready for pickup at our shop today.', samples: { first_name: 'Mari', '2': 'A-1' } }, '{{first_name}} is not a number: WhatsApp templates number their variables {{1}}, {{2}}, … Rename it.'],
  ['variables-gap', 'error', { body: 'Hi {{1}}, your order {{3}} is ready for pickup at our shop today.', samples: { '1': 'Mari', '3': 'A-1' } }, 'The variables skip {{2}}: number them {{1}}, {{2}}, … without a gap.'],
  ['variables-order', 'warning', { body: 'Hi {{2}}, your order {{1}} is ready for pickup at our shop today.' }, 'The variables appear in the order {{2}}, {{1}}: WhatsApp accepts it, but numbering them as they are read ({{1}}, {{2}}, …) keeps the samples and the fields in step.'],
  ['variable-at-start', 'error', { body: '{{1}}, your order {{2}} is ready for pickup at our shop. See you soon!' }, 'The body starts with a variable, which WhatsApp does not approve: put a few words before it.'],
  ['variable-at-end', 'error', { body: 'Hi {{1}}, your order is ready for pickup at our shop, number {{2}}.' }, 'The body ends with a variable (punctuation after it does not count), which WhatsApp does not approve: add a sentence after it.'],
  ['variables-adjacent', 'error', { body: 'Hello there {{1}} {{2}}, your order is ready for pickup at our shop today.' }, '{{1}} and {{2}} stand next to each other: put words between them (a space or punctuation is not enough).'],
  ['variables-adjacent', 'error', { body: 'Hello there {{1}}-{{2}}, your order is ready for pickup at our shop today.' }, '{{1}} and {{2}} stand next to each other: put words between them (a space or punctuation is not enough).'],
  ['too-few-words', 'warning', { body: 'Hi {{1}}, order {{2}} now.' }, 'Too little fixed text for 2 variables: WhatsApp expects at least 5 words besides them (2 per variable, plus 1), this body has 3. Add words or remove variables.'],
  ['sample-missing', 'error', { samples: { '1': 'Mari', '2': ' ' } }, 'Give {{2}} a sample value: WhatsApp reviews the template with it.'],
  ['sample-invalid', 'error', { samples: { '1': 'Mari\nTamm', '2': 'A-1' } }, 'The sample for {{1}} has a line break, a tab, 5 spaces in a row or more than 250 characters, which Twilio refuses: make it one short plain line.'],
  ['media-url-invalid', 'error', { kind: 'media', mediaUrl: 'http://acme.example/offer.pdf' }, 'The media URL must be a public https link to a file whose name ends in its type (…/offer.pdf, …/photo.jpg), its sample filled in.'],
  ['media-url-invalid', 'error', { kind: 'media', mediaUrl: 'https://acme.example/offer' }, 'The media URL must be a public https link to a file whose name ends in its type (…/offer.pdf, …/photo.jpg), its sample filled in.'],
  ['buttons-missing', 'error', { kind: 'quick-reply' }, 'Add at least one button.'],
  ['too-many-buttons', 'error', { kind: 'quick-reply', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY' as const, text: `Choice ${i + 1}`, value: '' })) }, 'At most 10 buttons: remove some.'],
  ['too-many-url-buttons', 'error', { kind: 'call-to-action', buttons: ['a', 'b', 'c'].map((p) => ({ type: 'URL' as const, text: `Open ${p}`, value: `https://acme.example/${p}` })) }, 'At most 2 link buttons: remove one.'],
  ['too-many-phone-buttons', 'error', { kind: 'call-to-action', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', value: '+37251234567' }, { type: 'PHONE_NUMBER', text: 'Call us', value: '+37251234568' }] }, 'At most 1 phone button: remove one.'],
  ['button-text-missing', 'error', { kind: 'quick-reply', buttons: [{ type: 'QUICK_REPLY', text: ' ', value: '' }] }, 'Button 1 has no text: write what it says.'],
  ['button-text-too-long', 'error', { kind: 'quick-reply', buttons: [{ type: 'QUICK_REPLY', text: 'Yes', value: '' }, { type: 'QUICK_REPLY', text: 'b'.repeat(26), value: '' }] }, 'Button 2’s text has 26 characters; WhatsApp allows 25. Shorten it.'],
  ['button-text-variable', 'error', { kind: 'quick-reply', buttons: [{ type: 'QUICK_REPLY', text: 'Yes {{1}}', value: '' }] }, 'Button 1’s text may hold no variable: write it as fixed text.'],
  ['button-url-invalid', 'error', { kind: 'call-to-action', buttons: [{ type: 'URL', text: 'Track', value: 'http://acme.example/t' }] }, 'Button 1’s link must be an https address with a fixed domain, such as https://acme.example/orders/{{1}}.'],
  ['button-url-invalid', 'error', { kind: 'call-to-action', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example{{3}}' }], samples: { '1': 'Mari', '2': 'A-1', '3': '/t' } }, 'Button 1’s link must be an https address with a fixed domain, such as https://acme.example/orders/{{1}}.'],
  ['button-url-variable', 'error', { kind: 'call-to-action', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example/{{3}}/track' }], samples: { '1': 'Mari', '2': 'A-1', '3': 'x' } }, 'Button 1’s link may hold one variable, only at its very end: https://acme.example/orders/{{1}}.'],
  ['button-phone-invalid', 'error', { kind: 'call-to-action', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', value: '5123 4567' }] }, 'Button 1’s phone number must start with + and the country code, such as +37251234567.'],
  ['code-expiry-invalid', 'error', { kind: 'authentication', category: 'AUTHENTICATION', body: '', samples: {}, codeExpirationMinutes: '91', buttons: [{ type: 'COPY_CODE', text: 'Copy code', value: '' }] }, 'The code’s expiry must be a whole number of minutes from 1 to 90, or empty.'],
  ['card-needs-more', 'error', { kind: 'card' }, 'A card needs a header, a footer or a button besides its body.'],
  ['language-mismatch', 'warning', { language: 'et' }, 'The body looks like English, but the language is Estonian: choose the right language, or write the body in it.'],
];

describe('each rule', () => {
  it.each(CASES)('%s (%s): %j', (id, severity, change, message) => {
    const checks = checkDraft(good(change), { detectLanguage });
    const found = only(checks, id);
    expect(found, JSON.stringify(ids(checks))).toHaveLength(1);
    expect(found[0]!.severity).toBe(severity);
    expect(checkMessage(found[0]!, 'en')).toBe(message);
  });

  it('covers every rule', () => {
    const covered = new Set(CASES.map(([id]) => id));
    covered.add('too-many-variables'); // below
    const all: CheckId[] = ['name-missing', 'name-format', 'name-too-long', 'language-missing', 'category-missing', 'authentication-needs-type',
      'type-needs-authentication', 'body-missing', 'body-too-long', 'header-too-long', 'footer-too-long', 'header-variables', 'footer-variables',
      'variable-not-numbered', 'variables-gap', 'variables-order', 'too-many-variables', 'variable-at-start', 'variable-at-end', 'variables-adjacent',
      'too-few-words', 'sample-missing', 'sample-invalid', 'media-url-invalid', 'buttons-missing', 'too-many-buttons', 'too-many-url-buttons',
      'too-many-phone-buttons', 'button-text-missing', 'button-text-too-long', 'button-text-variable', 'button-url-invalid', 'button-url-variable',
      'button-phone-invalid', 'code-expiry-invalid', 'card-needs-more', 'language-mismatch'];
    expect([...covered].sort()).toEqual([...all].sort());
  });

  it('more than 100 variables', () => {
    const body = `Dear customer ${Array.from({ length: 101 }, (_, i) => `word {{${i + 1}}}`).join(' ')} thanks`;
    const samples = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [String(i + 1), 'x']));
    const [check] = only(checkDraft(good({ body, samples })), 'too-many-variables');
    expect(check?.severity).toBe('error');
    expect(checkMessage(check!, 'en')).toBe('A template may have at most 100 variables: remove some.');
  });
});

describe('the edges that still pass', () => {
  it.each<[string, Partial<TemplateDraft>, CheckId]>([
    ['a body of exactly 1,024 characters', { body: `Hi {{1}}, order {{2}} is ready. ${'x'.repeat(1024 - 32)}` }, 'body-too-long'],
    ['a header of exactly 60', { kind: 'card', header: 'h'.repeat(60) }, 'header-too-long'],
    ['a footer of exactly 60', { kind: 'card', footer: 'f'.repeat(60) }, 'footer-too-long'],
    ['a button text of exactly 25', { kind: 'quick-reply', buttons: [{ type: 'QUICK_REPLY', text: 'b'.repeat(25), value: '' }] }, 'button-text-too-long'],
    ['exactly 10 buttons', { kind: 'quick-reply', buttons: Array.from({ length: 10 }, (_, i) => ({ type: 'QUICK_REPLY' as const, text: `Choice ${i + 1}`, value: '' })) }, 'too-many-buttons'],
    ['exactly 2 URL buttons', { kind: 'call-to-action', buttons: ['a', 'b'].map((p) => ({ type: 'URL' as const, text: `Open ${p}`, value: `https://acme.example/${p}` })) }, 'too-many-url-buttons'],
    ['one variable in the header', { kind: 'card', header: 'Order {{1}}' }, 'header-variables'],
    ['a variable after punctuation, mid-body', { body: 'Hi {{1}}, order ({{2}}) is ready for pickup at our shop today.' }, 'variable-at-end'],
    ['words between two variables', { body: 'Hello there {{1}} and {{2}}, your order is ready for pickup today.' }, 'variables-adjacent'],
    ['exactly 2x+1 words', { body: 'Hi {{1}}, your order {{2}} is ready.' }, 'too-few-words'],
    ['a URL variable at the end of the path', { kind: 'call-to-action', buttons: [{ type: 'URL', text: 'Track', value: 'https://acme.example/t?id={{3}}' }], samples: { '1': 'a', '2': 'b', '3': 'c' } }, 'button-url-invalid'],
    ['a short body the detector cannot tell', { language: 'et', body: 'Hi {{1}}, order {{2}} is ready now ok.' }, 'language-mismatch'],
    ['Estonian in Estonian', { language: 'et', body: 'Tere {{1}}, teie tellimus {{2}} on valmis ja ootab teid meie poes. Kohtumiseni!' }, 'language-mismatch'],
    ['Brazilian Portuguese as pt_BR', { language: 'pt_BR', body: 'Olá {{1}}, o seu pedido {{2}} está pronto para retirada na nossa loja amanhã.' }, 'language-mismatch'],
  ])('%s', (_name, change, id) => {
    expect(ids(checkDraft(good(change), { detectLanguage }))).not.toContain(id);
  });
});

describe('the order of the list', () => {
  it('puts errors before warnings, and says nothing about the language without a detector', () => {
    const checks = checkDraft(good({ name: 'Bad Name', language: 'et', body: 'Hi {{2}}, your order {{1}} is ready for pickup at our shop today ok.' }));
    expect(checks.map((c) => c.severity)).toEqual(['error', 'warning']);
    expect(ids(checks)).toEqual(['name-format', 'variables-order']);
  });
});
