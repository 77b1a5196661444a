import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createSdkClient, type SdkHarness } from '../../fake-twilio/sdk';
import { useSharedFake } from '../helpers/fake-http';
import { createSpecValidator, missingSpecsReason, type ResponseName } from './twilio-spec';

/**
 * Writing templates on the fake: Content create (JSON), update (the spec's PUT), delete, the WhatsApp approval
 * request, and the control API moving the approval as WhatsApp would. Every answer is checked against Twilio's
 * OpenAPI schema and parsed by the official SDK; refusals are Twilio's 400 bodies with a code.
 */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const skipSpec = missingSpecsReason();

let sdk: SdkHarness;
const fakeOf = useSharedFake(NOW, (fake) => {
  sdk = createSdkClient(fake.url, { username: fake.credentials.accountSid, password: fake.credentials.authToken });
});

const TEXT = {
  friendly_name: 'order_ready',
  language: 'en',
  variables: { '1': 'Mari', '2': 'A-1042' },
  types: { 'twilio/text': { body: 'Hi {{1}}, your order {{2}} is ready for pickup.' } },
};

async function call(method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const { accountSid, authToken } = fakeOf().credentials;
  const response = await fetch(fakeOf().url + path, {
    method,
    headers: { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`, ...(json !== undefined && { 'Content-Type': 'application/json' }) },
    body: json === undefined ? undefined : typeof json === 'string' ? json : JSON.stringify(json),
  });
  const text = await response.text();
  return { status: response.status, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The SDK's types name these fields in camelCase but send the object as it is given: Twilio reads snake_case. */
const asSdk = <T>(body: unknown): T => body as T;

async function restError(promise: Promise<unknown>): Promise<{ status: number; code: number | undefined; message: string }> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(twilio.RestException);
  const { status, code, message } = error as twilio.RestException;
  return { status, code, message };
}

describe.skipIf(skipSpec !== undefined)('the answers match Twilio’s OpenAPI schemas', () => {
  const spec = skipSpec ? undefined : createSpecValidator();
  const expectValid = (name: ResponseName, body: unknown) => expect(spec!.check(name, body), JSON.stringify(body)).toEqual([]);

  it('create, update, submit, fetch the approval, delete', async () => {
    const created = await call('POST', '/v1/Content', TEXT);
    expect(created.status).toBe(201);
    expectValid('contentCreate', created.body);
    const sid = (created.body as { sid: string }).sid;
    expect(sid).toMatch(/^HX[0-9a-f]{32}$/);

    const updated = await call('PUT', `/v1/Content/${sid}`, { ...TEXT, types: { 'twilio/text': { body: 'Hi {{1}}, order {{2}} is ready.' } } });
    expect(updated.status).toBe(200);
    expectValid('contentUpdate', updated.body);
    expect(updated.body).toMatchObject({ sid, types: { 'twilio/text': { body: 'Hi {{1}}, order {{2}} is ready.' } } });

    const approval = await call('POST', `/v1/Content/${sid}/ApprovalRequests/whatsapp`, { name: 'order_ready', category: 'UTILITY' });
    expect(approval.status).toBe(201);
    expectValid('approvalCreate', approval.body);
    expect(approval.body).toMatchObject({ name: 'order_ready', category: 'UTILITY', status: 'received', content_type: 'twilio/text', rejection_reason: '' });
    expectValid('approvalFetch', (await call('GET', `/v1/Content/${sid}/ApprovalRequests`)).body);

    const deleted = await call('DELETE', `/v1/Content/${sid}`);
    expect(deleted).toMatchObject({ status: 204, text: '' });
    expect((await call('GET', `/v1/Content/${sid}`)).status).toBe(404);
  });
});

describe('the official SDK drives it', () => {
  it('creates, updates, submits and removes a template; the list shows its approval', async () => {
    const created = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    expect(created).toMatchObject({ friendlyName: 'order_ready', language: 'en', variables: { '1': 'Mari', '2': 'A-1042' } });
    expect(created.dateCreated).toEqual(new Date(NOW));
    expect(sdk.requests.at(-1)).toMatchObject({ method: 'POST', url: 'https://content.twilio.com/v1/Content', json: TEXT, form: null });
    expect(fakeOf().control.requests().at(-1)).toMatchObject({ method: 'POST', path: '/v1/Content', json: TEXT, form: null, status: 201 });

    const body = { ...TEXT, types: { 'twilio/text': { body: 'Hi {{1}}, your order {{2}} is ready.' } } };
    const updated = await sdk.client.content.v1.contents(created.sid).update(asSdk(body));
    expect(updated.types).toEqual(body.types);
    expect(sdk.requests.at(-1)).toMatchObject({ method: 'PUT', url: `https://content.twilio.com/v1/Content/${created.sid}`, json: body });

    const approval = await sdk.client.content.v1.contents(created.sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' });
    expect(approval).toMatchObject({ name: 'order_ready', category: 'UTILITY', status: 'received', allowCategoryChange: true });
    const listed = (await sdk.client.content.v1.contentAndApprovals.list()).find((c) => c.sid === created.sid);
    expect(listed?.approvalRequests).toMatchObject({ name: 'order_ready', status: 'received' });

    expect(await sdk.client.content.v1.contents(created.sid).remove()).toBe(true);
    expect(sdk.requests.at(-1)).toMatchObject({ method: 'DELETE', url: `https://content.twilio.com/v1/Content/${created.sid}` });
    expect(await restError(sdk.client.content.v1.contents(created.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it('WhatsApp’s review, played by the control API: pending, approved, rejected with a reason, a category it changed', async () => {
    const { sid } = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    await sdk.client.content.v1.contents(sid).approvalCreate.create({ name: 'order_ready', category: 'MARKETING' });
    const status = async () => (await sdk.client.content.v1.contents(sid).approvalFetch().fetch()).whatsapp as Record<string, unknown>;
    fakeOf().control.patchTemplate(sid, { status: 'pending' });
    expect(await status()).toMatchObject({ status: 'pending', category: 'MARKETING' });
    fakeOf().control.patchTemplate(sid, { status: 'approved', category: 'UTILITY' });
    expect(await status()).toMatchObject({ status: 'approved', category: 'UTILITY', rejection_reason: '' });
    fakeOf().control.patchTemplate(sid, { status: 'rejected', rejectionReason: 'The template has too many variables for its length.' });
    expect(await status()).toMatchObject({ status: 'rejected', rejection_reason: 'The template has too many variables for its length.' });
  });

  it.each<[string, () => Promise<unknown>, number, RegExp]>([
    ['no language', () => sdk.client.content.v1.contents.create(asSdk({ types: TEXT.types })), 20001, /language is required/],
    ['no types', () => sdk.client.content.v1.contents.create(asSdk({ language: 'en', types: {} })), 20001, /at least one content type/],
    ['a text without its body', () => sdk.client.content.v1.contents.create(asSdk({ language: 'en', types: { 'twilio/text': {} } })), 20001, /types\.twilio\/text\.body is required/],
    ['an unknown type', () => sdk.client.content.v1.contents.create(asSdk({ language: 'en', types: { 'acme/thing': { body: 'x' } } })), 20001, /Unknown content type/],
    ['twilio/button', () => sdk.client.content.v1.contents.create(asSdk({ language: 'en', types: { 'twilio/button': { body: 'x' } } })), 92008, /no longer supported/],
    ['a Mustache section tag', () => sdk.client.content.v1.contents.create(asSdk({ language: 'en', types: { 'twilio/text': { body: 'Hi {{#name}}x{{/name}}' } } })), 90025, /unsupported tag/],
    ['a sample that is no string', () => sdk.client.content.v1.contents.create(asSdk({ ...TEXT, variables: { '1': 5 } })), 20001, /variables\.1 must be a string/],
  ])('refuses a Content with %s (400 %i)', async (_name, create, code, message) => {
    const error = await restError(create());
    expect(error).toMatchObject({ status: 400, code });
    expect(error.message).toMatch(message);
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await call('POST', '/v1/Content', '{"language": "en",');
    expect(answer).toMatchObject({ status: 400, body: { code: 20001, status: 400 } });
    expect(Object.keys(answer.body as object).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no name', { category: 'UTILITY' }, /name is required/],
    ['no category', { name: 'order_ready' }, /category is required/],
    ['an unknown category', { name: 'order_ready', category: 'TRANSACTIONAL' }, /category must be one of UTILITY, MARKETING, AUTHENTICATION/],
    ['a name with capitals and spaces', { name: 'Order ready', category: 'UTILITY' }, /lowercase letters, digits and underscores/],
  ])('refuses an approval request with %s (400 20001)', async (_name, body, message) => {
    const { sid } = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    const error = await restError(sdk.client.content.v1.contents(sid).approvalCreate.create(body as { name: string; category: string }));
    expect(error).toMatchObject({ status: 400, code: 20001 });
    expect(error.message).toMatch(message);
  });

  it('a template is submitted once, and then cannot change (92009)', async () => {
    const { sid } = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    await sdk.client.content.v1.contents(sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' });
    expect(await restError(sdk.client.content.v1.contents(sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' }))).toMatchObject({ status: 400, code: 92009 });
    expect(await restError(sdk.client.content.v1.contents(sid).update(asSdk(TEXT)))).toMatchObject({ status: 400, code: 92009 });
  });

  it('a WhatsApp name is held once per language, and a rejected template gives it back', async () => {
    const first = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    await sdk.client.content.v1.contents(first.sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' });
    const second = await sdk.client.content.v1.contents.create(asSdk(TEXT));
    const refused = await restError(sdk.client.content.v1.contents(second.sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' }));
    expect(refused).toMatchObject({ status: 400, code: 20001, message: 'A WhatsApp template named order_ready already exists in en' });
    const estonian = await sdk.client.content.v1.contents.create(asSdk({ ...TEXT, language: 'et' }));
    await expect(sdk.client.content.v1.contents(estonian.sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' })).resolves.toMatchObject({ status: 'received' });
    fakeOf().control.patchTemplate(first.sid, { status: 'rejected', rejectionReason: 'Too generic' });
    await expect(sdk.client.content.v1.contents(second.sid).approvalCreate.create({ name: 'order_ready', category: 'UTILITY' })).resolves.toMatchObject({ status: 'received' });
  });

  it('an unknown SID is a 404 for every write', async () => {
    const sid = `HX${'0'.repeat(32)}`;
    expect(await restError(sdk.client.content.v1.contents(sid).update(asSdk(TEXT)))).toMatchObject({ status: 404, code: 20404 });
    expect(await restError(sdk.client.content.v1.contents(sid).remove())).toMatchObject({ status: 404, code: 20404 });
    expect(await restError(sdk.client.content.v1.contents(sid).approvalCreate.create({ name: 'x', category: 'UTILITY' }))).toMatchObject({ status: 404, code: 20404 });
  });
});
