import { describe, expect, it } from 'vitest';
import { startFakeTwilio } from '../../fake-twilio';
import { isWindowOpen, WINDOW_MS } from '../../fake-twilio/logic/session-window';
import { DEMO_CONTACT_LIST, DEMO_SENDERS, demoSeed } from '../../fake-twilio/seeds/demo';
import { emptySeed } from '../../fake-twilio/seeds/empty';
import { generatedSeed } from '../../fake-twilio/seeds/generated';
import { FakeStore } from '../../fake-twilio/store';
import { APPROVAL_STATUSES, type SeedData } from '../../fake-twilio/types';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

function allSids(data: SeedData): string[] {
  const { credentials: c } = data;
  return [
    c.accountSid,
    c.mainKeySid,
    c.standardKeySid,
    ...data.templates.map((t) => t.sid),
    ...data.senders.map((s) => s.sid),
    ...data.messages.map((m) => m.sid),
  ];
}

describe('demo seed', () => {
  const data = demoSeed(NOW);
  const store = new FakeStore(data);

  it.each(DEMO_CONTACT_LIST.map((c) => [c.name, c] as const))('%s starts in the promised window state', (_name, contact) => {
    const last = store.lastInboundAt(DEMO_SENDERS[0].number, contact.number);
    expect(last === undefined ? null : NOW - last).toBe(contact.lastInboundAgoMs);
    const open = isWindowOpen(last, NOW);
    const left = last === undefined ? 0 : last + WINDOW_MS - NOW;
    const state = !open ? (last === undefined ? 'never' : 'closed') : left <= 2 * HOUR ? 'expiring' : 'open';
    expect(state).toBe(contact.state);
    expect(store.contactFailure(contact.number) ?? null).toBe(contact.asyncFailure);
  });

  it('has ~40 templates across languages, statuses, categories and content types', () => {
    const { templates } = data;
    expect(templates.length).toBeGreaterThanOrEqual(38);
    expect(new Set(templates.map((t) => t.language))).toEqual(new Set(['en', 'et', 'es', 'pt_BR']));
    expect(new Set(templates.map((t) => t.approval.status))).toEqual(new Set(APPROVAL_STATUSES));
    expect(new Set(templates.map((t) => t.approval.category))).toEqual(new Set(['UTILITY', 'MARKETING', 'AUTHENTICATION']));
    const typeKeys = new Set(templates.flatMap((t) => Object.keys(t.types)));
    for (const known of ['twilio/text', 'twilio/media', 'twilio/quick-reply', 'twilio/call-to-action', 'twilio/card']) {
      expect(typeKeys).toContain(known);
    }
    expect([...typeKeys].some((key) => !key.startsWith('twilio/'))).toBe(true);
    for (const t of templates.filter((t) => t.approval.status === 'rejected')) expect(t.approval.rejectionReason).not.toBe('');
    const placeholders = templates.flatMap((t) => Object.keys(t.variables));
    expect(placeholders).toContain('1');
    expect(placeholders).toContain('first_name');
  });

  it('every template’s sample variables cover its placeholders', () => {
    for (const t of data.templates) {
      const used = [...JSON.stringify(t.types).matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);
      for (const key of used) expect(t.variables, `${t.friendlyName} (${t.language}) {{${key}}}`).toHaveProperty(key as string);
    }
  });

  it('is deterministic, with well-formed unique SIDs', () => {
    expect(demoSeed(NOW)).toEqual(data);
    const sids = allSids(data);
    for (const sid of sids) expect(sid).toMatch(SID);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('empty seed', () => {
  it('has credentials and nothing else', () => {
    const data = emptySeed(NOW);
    expect(allSids(data).every((sid) => SID.test(sid))).toBe(true);
    expect([data.templates, data.senders, data.messages, data.contactFailures]).toEqual([[], [], [], []]);
  });
});

describe('generated seed', () => {
  const spec = { templates: 200, inbound: 300, contacts: 40, senders: 2, seed: 7 };

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generatedSeed(spec, NOW)).toEqual(generatedSeed(spec, NOW));
    expect(generatedSeed({ ...spec, seed: 8 }, NOW).templates[0]).not.toEqual(generatedSeed(spec, NOW).templates[0]);
  });

  it('spreads inbound messages over the last 24 h, among K contacts and the senders', () => {
    const data = generatedSeed(spec, NOW);
    expect(data.templates).toHaveLength(200);
    expect(data.senders).toHaveLength(2);
    expect(data.messages).toHaveLength(300);
    for (const m of data.messages) {
      expect(m.createdAt).toBeGreaterThan(NOW - WINDOW_MS);
      expect(m.createdAt).toBeLessThanOrEqual(NOW);
    }
    expect(new Set(data.messages.map((m) => m.from)).size).toBeLessThanOrEqual(40);
    expect(new Set(data.messages.map((m) => m.to))).toEqual(new Set(data.senders.map((s) => s.senderId)));
  });

  it('serves 10,000 templates and 10,000 messages', async () => {
    const fake = await startFakeTwilio({ seed: { templates: 10_000, inbound: 10_000, contacts: 2_000 }, now: NOW });
    try {
      const auth = { Authorization: `Basic ${btoa(`${fake.credentials.accountSid}:${fake.credentials.authToken}`)}` };
      let next: string | null = '/v1/ContentAndApprovals?PageSize=1000';
      let count = 0;
      while (next) {
        const page = (await (await fetch(fake.url + next, { headers: auth })).json()) as {
          contents: unknown[];
          meta: { next_page_url: string | null };
        };
        count += page.contents.length;
        next = page.meta.next_page_url?.replace('https://content.twilio.com', '') ?? null;
      }
      expect(count).toBe(10_000);
      const messages = (await (
        await fetch(`${fake.url}/2010-04-01/Accounts/${fake.credentials.accountSid}/Messages.json?PageSize=1000`, {
          headers: auth,
        })
      ).json()) as { messages: unknown[]; next_page_uri: string | null };
      expect(messages.messages).toHaveLength(1000);
      expect(messages.next_page_uri).toContain('PageToken=PASM');
    } finally {
      await fake.close();
    }
  });
});
