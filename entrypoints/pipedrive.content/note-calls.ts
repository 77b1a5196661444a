import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { noteCallSchema, noteHttpRequest, type NoteCommand, type NoteHttpAnswer } from '@/lib/pipedrive/notes-api';
import { requestWithSession } from './page-fetch';

/**
 * The background writes notes in Pipedrive (lib/notes); without the rep's personal token it asks an open Pipedrive
 * tab to make the request with the page's session. This answers only the extension's own background (never a
 * page: a page cannot send runtime messages, and another extension's id is refused) and only the two notes
 * requests of `noteCallSchema`, validated here again: the command cannot name any other path.
 */
async function doNoteRequest(command: NoteCommand): Promise<NoteHttpAnswer> {
  const request = noteHttpRequest(command);
  return requestWithSession(request.method, request.path, request.body).catch(() => ({ status: 0 })); // 0: not reachable from this tab
}

export function answerNoteCalls(ctx: ContentScriptContext): void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender): Promise<NoteHttpAnswer> | undefined => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const call = v.safeParse(noteCallSchema, message);
    return call.success ? doNoteRequest(call.output.command) : undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
