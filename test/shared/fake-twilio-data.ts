import type { FakeTwilio } from '../fake-twilio';

/**
 * What the real-browser runs (Chromium through Playwright, Firefox through Puppeteer) arrange in the fake Twilio and
 * read back from it: the data side of their specs, without any browser driver.
 */

/** An approved template with two variables, added to the fake before the sync. */
export function addOrderTemplate(fake: FakeTwilio, category = 'UTILITY', name = 'e2e_order_update') {
  return fake.control.upsertTemplate({
    friendlyName: name,
    language: 'en',
    types: { 'twilio/text': { body: 'Hi {{1}}, your order {{2}} is *ready* for pickup.' } },
    variables: { '1': 'Ann', '2': 'A-1' },
    approval: { status: 'approved', category, name },
  });
}

export interface ShownMessage {
  sid: string;
  direction: string;
  status: string | null;
}

/** The fake's messages between the sender and the customer's addresses, oldest first, as the panel should show them. */
export function fakeThread(fake: FakeTwilio, sender: string, addresses: readonly string[]): ShownMessage[] {
  const customer = new Set(addresses.map((a) => (a.startsWith('whatsapp:') ? a : `whatsapp:${a}`)));
  const us = `whatsapp:${sender}`;
  return fake.control
    .messages()
    .filter((m) => (m.from === us && customer.has(m.to)) || (m.to === us && customer.has(m.from)))
    .reverse()
    .map((m) => ({ sid: m.sid, direction: m.direction === 'inbound' ? 'inbound' : 'outbound', status: m.direction === 'inbound' ? null : m.status }));
}

/** The fake's templates as Twilio lists them (all pages), for comparing with what the extension stored. */
export async function fakeTemplates(fake: FakeTwilio): Promise<Array<{ sid: string; status: string }>> {
  const auth = `Basic ${Buffer.from(`${fake.credentials.accountSid}:${fake.credentials.authToken}`).toString('base64')}`;
  const all: Array<{ sid: string; status: string }> = [];
  let url: string | null = '/v1/ContentAndApprovals?PageSize=1000';
  while (url) {
    const next: string = url.startsWith('http') ? new URL(url).pathname + new URL(url).search : url;
    const body = (await (await fetch(fake.url + next, { headers: { Authorization: auth } })).json()) as {
      contents: Array<{ sid: string; approval_requests: { status: string } }>;
      meta: { next_page_url: string | null };
    };
    all.push(...body.contents.map((c) => ({ sid: c.sid, status: c.approval_requests.status })));
    url = body.meta.next_page_url;
  }
  return all;
}
