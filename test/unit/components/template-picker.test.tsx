// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TemplatePicker, type PickerApi, type TemplatePickerProps } from '@/components/picker/TemplatePicker';
import type { SendInfo, TemplateDetail } from '@/lib/messaging/protocol';
import type { ContactValues } from '@/lib/templates/prefill';
import { useMessages } from '../helpers/i18n';

const START = Date.parse('2026-11-25T12:00:00Z');
const MINUTE = 60_000;
const CONTACT = '+37251234567';
const TEMPLATE: TemplateDetail = {
  sid: `HX${'a'.repeat(32)}`,
  name: 'offer_follow_up',
  language: 'en',
  category: 'UTILITY',
  status: 'approved',
  rejectionReason: '',
  contentType: 'twilio/text',
  body: 'Hi {{1}}, about {{2}} for {{company}}',
  types: { 'twilio/text': { body: 'Hi {{1}}, about {{2}} for {{company}}' } },
  // {{1}} fills from the first name, {{2}} is the rep's to type, {{company}} fills from the organisation.
  placeholders: ['1', '2', 'company'],
  samples: {},
};

const sendInfo = (status: string, isFinal = false): SendInfo => ({
  id: 'send-1', sid: `SM${'b'.repeat(32)}`, contact: CONTACT, contentSid: TEMPLATE.sid, status, isFinal, createdAt: START, updatedAt: START,
});

function fakeApi(overrides: Partial<PickerApi> = {}): PickerApi {
  return {
    search: async () => ({ ok: true, value: { results: [TEMPLATE], total: 1, catalogueSize: 1, languages: ['en'], categories: ['UTILITY'] } }),
    getTemplate: async () => ({ ok: true, value: TEMPLATE }),
    send: async () => ({ ok: true, value: sendInfo('queued') }),
    getSend: async () => ({ ok: true, value: sendInfo('delivered') }),
    loadSources: async () => ({}),
    saveSource: async () => undefined,
    newId: () => 'send-1',
    openWorkshop: () => undefined,
    ...overrides,
  };
}

function show(api: PickerApi, contactValues: ContactValues, onClose: () => void = () => undefined) {
  const props: TemplatePickerProps = {
    api, contact: CONTACT, contactValues, windowState: 'closed', query: '', canInsert: false, onInsert: () => undefined, onClose,
  };
  act(() => render(<TemplatePicker {...props} />, document.body));
}

// happy-dom's <dialog> opens and closes but has no top layer, no Escape (cancel) and no focus return: these tests
// check what the picker asks of the dialog; the browser's part is in test/e2e/template-picker.spec.ts.
const hasDialog = typeof HTMLDialogElement === 'function' && typeof HTMLDialogElement.prototype.showModal === 'function';

/** Lets the fake api's promises settle and Preact draw what they changed. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/** Moves the fake clock by whole seconds, drawing after each (the picker arms its next poll after a render). */
async function tick(ms: number) {
  for (let left = ms; left > 0; left -= 1_000) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(left, 1_000));
    });
  }
}

const field = (key: string) => document.getElementById(`wat-var-${key}`) as HTMLInputElement;

function type(key: string, value: string) {
  act(() => {
    field(key).value = value;
    field(key).dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** A click as the rep's own (the picker ignores the page's synthetic clicks; happy-dom's events are never trusted). */
async function clickAsRep(name: string) {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!button) throw new Error(`No button "${name}"`);
  const event = new MouseEvent('click', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  act(() => void button.dispatchEvent(event));
  await settle();
}

beforeEach(() => {
  useMessages('en');
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  render(null, document.body);
  vi.useRealTimers();
});

describe('TemplatePicker', () => {
  it('keeps what the rep typed when the Pipedrive record arrives after the picker opened, and fills the rest from it', async () => {
    const api = fakeApi();
    show(api, {});
    await settle();
    expect(field('1').value).toBe('');
    type('1', 'Jo');
    type('2', 'the offer');

    show(api, { firstName: 'João', organisation: 'Acme Lda' }); // the record: same api, new contact values
    await settle();
    expect(field('1').value).toBe('Jo');
    expect(field('2').value).toBe('the offer');
    expect(field('company').value).toBe('Acme Lda');
  });

  it('fills from a record that arrives before the template does', async () => {
    let answer: (value: Awaited<ReturnType<PickerApi['getTemplate']>>) => void = () => undefined;
    const api = fakeApi({ getTemplate: () => new Promise((resolve) => (answer = resolve)) });
    show(api, {});
    await settle();
    show(api, { firstName: 'João', organisation: 'Acme Lda' });
    await settle();
    answer({ ok: true, value: TEMPLATE });
    await settle();
    expect(field('1').value).toBe('João');
    expect(field('company').value).toBe('Acme Lda');
  });

  it('asks for the status less and less often while a message stays delivered, and stops after 15 minutes', async () => {
    // A customer with read receipts off never reaches `read`: `delivered` is as far as Twilio ever gets.
    const getSend = vi.fn(async () => ({ ok: true as const, value: sendInfo('delivered') }));
    show(fakeApi({ getSend }), { firstName: 'João', organisation: 'Acme Lda' });
    await settle();
    type('2', 'the offer');
    await clickAsRep('Send template');
    await clickAsRep('Send now');
    expect(document.querySelector('[role="status"][data-status]')?.getAttribute('data-status')).toBe('queued');

    await tick(2_000);
    expect(getSend).toHaveBeenCalledTimes(1); // the first question comes as soon as before
    await tick(MINUTE - 2_000);
    const inFirstMinute = getSend.mock.calls.length;
    expect(inFirstMinute).toBeLessThanOrEqual(7); // every 1.5 s would be 40
    await tick(14 * MINUTE);
    const inFifteenMinutes = getSend.mock.calls.length;
    expect(inFifteenMinutes).toBeLessThanOrEqual(40); // every 1.5 s would be 600
    await tick(60 * MINUTE);
    expect(getSend).toHaveBeenCalledTimes(inFifteenMinutes);
    expect(document.querySelector('[role="status"][data-status]')?.getAttribute('data-status')).toBe('delivered');
  });

  it.skipIf(!hasDialog)('is a native dialog named “WhatsApp templates”, opened modally, with the focus in the search', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    show(fakeApi(), {});
    await settle();
    const dialog = document.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(document.getElementById(dialog!.getAttribute('aria-labelledby')!)?.textContent).toBe('WhatsApp templates');
    expect(document.activeElement?.getAttribute('type')).toBe('search');
    expect(document.querySelector('.overlay')).toBeNull();
  });

  it.skipIf(!hasDialog)('closes through the dialog: × and the browser’s close after Escape each tell the owner once', async () => {
    const onClose = vi.fn();
    show(fakeApi(), {}, onClose);
    await settle();
    const dialog = document.querySelector('dialog')!;
    act(() => void document.querySelector<HTMLButtonElement>('button.close')!.click());
    expect(dialog.open).toBe(false); // closed by the dialog (which gives the focus back), not just unmounted
    expect(onClose).toHaveBeenCalledTimes(1);

    show(fakeApi(), {}, onClose);
    act(() => {
      dialog.showModal();
      // What the browser does on Escape: `cancel`, then it closes the dialog.
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
      dialog.close();
    });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('leaves the Escape key press to the browser: not cancelled, nothing closed by hand', async () => {
    const onClose = vi.fn();
    show(fakeApi(), {}, onClose);
    await settle();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    act(() => void field('2').dispatchEvent(escape));
    // A cancelled Escape would keep the native dialog open (the browser sends no `cancel`).
    expect(escape.defaultPrevented).toBe(false);
    expect(onClose).not.toHaveBeenCalled();
  });

  it.skipIf(!hasDialog)('closes the dialog on Escape in the search box, where the browser would only clear the search', async () => {
    const onClose = vi.fn();
    show(fakeApi(), {}, onClose);
    await settle();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    act(() => void document.querySelector('input[type="search"]')!.dispatchEvent(escape));
    expect(document.querySelector('dialog')?.open).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks again soon after the status moves on, and stops at a final one', async () => {
    const statuses = ['sent', 'sent', 'sent', 'delivered', 'read'];
    const getSend = vi.fn(async () => {
      const status = statuses.shift() ?? 'read';
      return { ok: true as const, value: sendInfo(status, status === 'read') };
    });
    show(fakeApi({ getSend }), { firstName: 'João', organisation: 'Acme Lda' });
    await settle();
    type('2', 'the offer');
    await clickAsRep('Send template');
    await clickAsRep('Send now');
    await tick(30_000);
    expect(getSend).toHaveBeenCalledTimes(5);
    expect(document.querySelector('[role="status"][data-status]')?.getAttribute('data-status')).toBe('read');
    await tick(10 * MINUTE);
    expect(getSend).toHaveBeenCalledTimes(5);
  });
});
