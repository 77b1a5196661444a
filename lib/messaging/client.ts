import { browser } from 'wxt/browser';
import type { Envelope, MessageName, RequestOf, ResponseOf, Result } from './protocol';

/** Asks the background; always resolves to a Result (a dead or missing background becomes an error value). */
export async function callBackground<N extends MessageName>(type: N, payload: RequestOf<N>): Promise<Result<ResponseOf<N>>> {
  const envelope: Envelope<N> = { type, payload };
  try {
    const reply = (await browser.runtime.sendMessage(envelope)) as Result<ResponseOf<N>> | undefined;
    return reply ?? { ok: false, error: { code: 'internal', message: 'The extension did not answer' } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}
