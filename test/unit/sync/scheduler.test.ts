import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { DEMO_SENDERS } from '../../fake-twilio/seeds/demo';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { syncRepo } from '@/lib/sync/repo';
import { templatesRepo } from '@/lib/templates/repo';
import { createSyncScheduler, type SchedulerDeps } from '@/lib/sync/scheduler';

let fake: FakeTwilio;
afterEach(() => fake.close());
beforeEach(freshDb);

/** A scheduler with in-memory settings, against the fake. */
function scheduler(overrides: Partial<SchedulerDeps> = {}) {
  const state = { sender: null as string | null, paused: null as number | null, notified: [] as string[] };
  const credentials = { accountSid: fake.credentials.accountSid, secret: fake.credentials.authToken };
  const deps: SchedulerDeps = {
    now: Date.now,
    loadCredentials: async () => credentials,
    makeHttp: (c) => httpAgainst(fake, c),
    sender: { get: async () => state.sender, set: async (s) => void (state.sender = s) },
    authPause: { isPaused: async () => state.paused !== null, pause: async (status) => void (state.paused = status) },
    notify: async (...kinds) => void state.notified.push(...kinds),
    ...overrides,
  };
  return { scheduler: createSyncScheduler(deps), state };
}

describe('createSyncScheduler', () => {
  it('runs one sync of a kind at a time: ten callers share one run', async () => {
    fake = await startFakeTwilio({ seed: 'demo', latencyMs: 30 });
    const { scheduler: s } = scheduler();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => s.run('templates')));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const pages = fake.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals');
    expect(pages).toHaveLength(1); // 41 templates fit one page of 500
    expect(s.isRunning('templates')).toBe(false);
    // Once finished, a new call runs again.
    await s.run('templates');
    expect(fake.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals')).toHaveLength(2);
  });

  it('stopAll cancels running syncs: once it resolves nothing runs, and nothing they fetched is stored', async () => {
    fake = await startFakeTwilio({ seed: 'demo', latencyMs: 150 });
    const { scheduler: s, state } = scheduler();
    state.sender = DEMO_SENDERS[0].number;
    const outcomes = s.runAll();
    await new Promise((r) => setTimeout(r, 50)); // both syncs are waiting for Twilio
    expect(s.isRunning('templates') && s.isRunning('windows')).toBe(true);
    await s.stopAll();
    expect(s.isRunning('templates') || s.isRunning('windows')).toBe(false);
    expect((await outcomes).every((o) => !o.ok)).toBe(true);
    expect(await templatesRepo.all()).toEqual([]);
    expect((await syncRepo.get('windows')).coveredUntil).toBeUndefined();
  });

  it('makes no guess when the account has two online senders', async () => {
    fake = await startFakeTwilio({ seed: 'demo' });
    const { scheduler: s, state } = scheduler();
    await expect(s.run('windows')).resolves.toMatchObject({ ok: false, error: { code: 'no-sender' } });
    expect(state.sender).toBeNull();
  });

  it('uses the only online sender of an account when none is chosen, and remembers it', async () => {
    fake = await startFakeTwilio({ seed: { templates: 3, inbound: 20, contacts: 5, senders: 1 } });
    const { scheduler: s, state } = scheduler();
    await expect(s.run('windows')).resolves.toEqual({ ok: true });
    expect(state.sender).toMatch(/^\+\d+$/);
    expect((await syncRepo.get('windows')).sender).toBe(state.sender);
  });

  it('pauses on 401 and keeps the error readable; does nothing more until the credentials change', async () => {
    fake = await startFakeTwilio({ seed: 'demo' });
    const { scheduler: s, state } = scheduler({
      loadCredentials: async () => ({ accountSid: fake.credentials.accountSid, secret: 'f'.repeat(32) }),
    });
    state.sender = DEMO_SENDERS[0].number;
    await expect(s.run('templates')).resolves.toMatchObject({ ok: false, error: { code: 'bad-secret' } });
    expect(state.paused).toBe(401);
    expect((await syncRepo.get('templates')).lastError).toMatchObject({ code: 'bad-secret' });
    fake.control.clearRequests();
    await expect(s.run('windows')).resolves.toMatchObject({ ok: false, error: { code: 'bad-secret' } });
    expect(fake.control.requests()).toHaveLength(0);
  });

  it('a 403 on the Senders list (a key that may not list them) pauses nothing: windows asks for a sender, templates still sync', async () => {
    fake = await startFakeTwilio({ seed: { templates: 3, inbound: 20, contacts: 5, senders: 1 } });
    fake.control.setFault({ path: '/v2/Channels/Senders', status: 403, code: 20403 });
    const { scheduler: s, state } = scheduler();
    await expect(s.run('windows')).resolves.toMatchObject({ ok: false, error: { code: 'no-sender' } });
    expect(state.paused).toBeNull();
    await expect(s.run('templates')).resolves.toEqual({ ok: true });
    state.sender = DEMO_SENDERS[0].number; // the rep types the number in the popup
    await expect(s.run('windows')).resolves.toEqual({ ok: true });
  });

  it.each([
    [403, 'no-access'],
    [401, 'no-access'], // the credential probe still accepts the credentials: that endpoint, not the credentials
  ])('a %i on one endpoint fails that sync only: no pause, the other kind runs', async (status, code) => {
    fake = await startFakeTwilio({ seed: 'demo' });
    fake.control.setFault({ path: '/v1/ContentAndApprovals', status });
    const { scheduler: s, state } = scheduler();
    state.sender = DEMO_SENDERS[0].number;
    await expect(s.run('templates')).resolves.toMatchObject({ ok: false, error: { code } });
    expect(state.paused).toBeNull();
    await expect(s.run('windows')).resolves.toEqual({ ok: true });
  });

  it('a 401 that the credential probe confirms (an API key whose secret is wrong) pauses', async () => {
    fake = await startFakeTwilio({ seed: 'demo' });
    const { scheduler: s, state } = scheduler({
      loadCredentials: async () => ({ accountSid: fake.credentials.accountSid, keySid: fake.credentials.standardKeySid, secret: 'f'.repeat(32) }),
    });
    await expect(s.run('templates')).resolves.toMatchObject({ ok: false, error: { code: 'bad-secret' } });
    expect(state.paused).toBe(401);
  });

  it('records a failure without touching the stored templates, and recovers on the next healthy run', async () => {
    fake = await startFakeTwilio({ seed: 'demo' });
    const { scheduler: s } = scheduler();
    await s.run('templates');
    const before = await templatesRepo.all();
    const fault = fake.control.setFault({ path: '/v1/ContentAndApprovals', status: 500 });
    await expect(s.run('templates')).resolves.toMatchObject({ ok: false, error: { code: 'twilio-down' } });
    expect(await templatesRepo.all()).toEqual(before);
    expect((await syncRepo.get('templates')).running).toBeUndefined();
    fake.control.removeFault(fault.id);
    await expect(s.run('templates')).resolves.toEqual({ ok: true });
    expect((await syncRepo.get('templates')).lastError).toBeUndefined();
  });
});

describe('a change during a run', () => {
  it('gets one follow-up run, shared by every fresh request made meanwhile', async () => {
    fake = await startFakeTwilio({ seed: 'demo', latencyMs: 50 });
    let reads = 0;
    const state = { sender: null as string | null };
    const { scheduler: s } = scheduler({ sender: { get: async () => (reads++, state.sender), set: async () => undefined } });
    const first = s.run('windows');
    await vi.waitFor(() => expect(reads).toBe(1)); // the run has read "no sender"…
    state.sender = DEMO_SENDERS[0].number; // …and then the rep chooses one
    const [a, b] = [s.run('windows', { isFresh: true }), s.run('windows', { isFresh: true })];
    await expect(first).resolves.toMatchObject({ ok: false, error: { code: 'no-sender' } });
    await expect(a).resolves.toEqual({ ok: true });
    await expect(b).resolves.toEqual({ ok: true });
    expect(fake.control.requests().filter((r) => r.path.endsWith('/Messages.json'))).toHaveLength(1);
  });
});
