// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConversationRoot, readChannel, readContactName, readPersonId, readPhoneCandidates } from '@/lib/pipedrive/adapter';
import { accessibleName, isSendLabel, recogniseComposer, type ComposerMatch } from '@/lib/pipedrive/recognise';
import { selectorFor } from '@/lib/pipedrive/selectors';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/pipedrive');

/** A fixture page's body as variant.js leaves it once the conversation has rendered (its scripts not run). */
function loadFixture(name: string): void {
  const html = readFileSync(path.join(FIXTURES, name), 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
  // eslint-disable-next-line no-restricted-syntax -- our own fixture file, not data from outside
  document.body.innerHTML = body;
  for (const template of document.querySelectorAll('template')) template.replaceWith(template.content.cloneNode(true));
}

function page(html: string): void {
  // eslint-disable-next-line no-restricted-syntax -- the test's own fixed markup, not data from outside
  document.body.innerHTML = html;
}

/** Every composer on the page, as the observer would report them: each candidate checked, each composer once. */
function composers(): ComposerMatch[] {
  const found: ComposerMatch[] = [];
  for (const candidate of document.querySelectorAll(`${selectorFor('composer')}, ${selectorFor('composerInput')}`)) {
    const match = recogniseComposer(candidate);
    if (match && !found.some((seen) => seen.composer === match.composer)) found.push(match);
  }
  return found;
}

const only = (): ComposerMatch => {
  const found = composers();
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('recogniseComposer on Messaging markup without test ids', () => {
  it('inbox-plain: a textarea with "Send" as text, the channel as text, messages in a <ul>', () => {
    loadFixture('inbox-plain.html');
    const { composer, input } = only();
    expect(input).toBe(document.querySelector('textarea[placeholder="Write a message…"]'));
    expect(composer.className).toBe('reply');
    const root = findConversationRoot(composer);
    expect(root.className).toBe('pane');
    expect(readChannel(root)).toBe('whatsapp');
    expect(readContactName(root)).toBe('Mari Tamm');
    expect(readPhoneCandidates(root)).toEqual(['+372 5123 4567']);
    expect(readPersonId(root)).toBe('101');
  });

  it('inbox-aria: a contenteditable, Send by aria-label beside Attach, an icon’s alt, a role="log"', () => {
    loadFixture('inbox-aria.html');
    const { composer, input } = only();
    expect(input?.getAttribute('aria-label')).toBe('Type a reply');
    expect(composer.className).toBe('reply-box');
    const root = findConversationRoot(composer);
    expect(root.getAttribute('aria-label')).toBe('Chat');
    expect(readChannel(root)).toBe('whatsapp');
    expect(readContactName(root)).toBe('Lucía García');
    expect(readPhoneCandidates(root)).toEqual(['+34600123456']);
  });

  it('inbox-svg: a role="textbox" plaintext-only editor, Send and the channel as SVG titles, messages in divs', () => {
    loadFixture('inbox-svg.html');
    const { composer, input } = only();
    expect(input?.getAttribute('contenteditable')).toBe('plaintext-only');
    expect(input?.getAttribute('role')).toBe('textbox');
    expect(composer.localName).toBe('form');
    const root = findConversationRoot(composer);
    expect(root.className).toBe('conv');
    expect(readChannel(root)).toBe('whatsapp');
    expect(readContactName(root)).toBe('Jonas Becker'); // the icon's <title> is not part of the name
    expect(readPhoneCandidates(root)).toEqual(['+49 1512 3456789']);
  });

  it('inbox-messenger: the same shape is a composer, but its channel is Messenger (the wa.me in a message does not count)', () => {
    loadFixture('inbox-messenger.html');
    const { composer } = only();
    expect(readChannel(findConversationRoot(composer))).toBe('other');
  });

  it('inbox-mixed: only the conversation’s reply box, not the notes editor, the email composer or the search box', () => {
    loadFixture('inbox-mixed.html');
    const { composer, input } = only();
    expect(input).toBe(document.querySelector('.wrap > [contenteditable]'));
    const root = findConversationRoot(composer);
    expect(root.className).toBe('talk');
    expect(readChannel(root)).toBe('whatsapp');
    expect(readContactName(root)).toBe('Ann Smith');
    expect(readPersonId(root)).toBe('104');
    expect(recogniseComposer(document.querySelector('[aria-label="Add a note"]')!)).toBeUndefined();
    expect(recogniseComposer(document.querySelector('textarea[aria-label="Body"]')!)).toBeUndefined();
  });

  it.each(['deal.html', 'person.html'])('%s: no composer among its notes, activity and email editors', (name) => {
    loadFixture(name);
    expect(composers()).toEqual([]);
  });
});

describe('recogniseComposer: what is not a chat reply', () => {
  const messages = '<ul><li>Hi, is my order on its way?</li></ul>';
  it.each([
    ['no messages beside it', '<div class="c"><textarea></textarea><button>Send</button></div>'],
    ['no Send button (a note’s Save)', `<section>${messages}<div><textarea></textarea><button>Save</button></div></section>`],
    ['another field in its box (To, Subject)', `<section>${messages}<form><input aria-label="To"><textarea></textarea><button>Send</button></form></section>`],
    ['labelled as an email', `<section>${messages}<div><textarea aria-label="Email body"></textarea><button>Send</button></div></section>`],
    ['labelled as a note by its section', `<section aria-label="Notes">${messages}<div><div contenteditable="true"></div><button>Send</button></div></section>`],
    ['the only list is the navigation', `<div><nav><ul><li><a href="/x">Mari</a></li></ul></nav><div><textarea></textarea><button>Send</button></div></div>`],
    ['messages only below it', `<section><div><textarea></textarea><button>Send</button></div>${messages}</section>`],
    ['read-only', `<section>${messages}<div><textarea readonly></textarea><button>Send</button></div></section>`],
    ['a hidden Send', `<section>${messages}<div><textarea></textarea><button aria-hidden="true">Send</button></div></section>`],
    ['Send too far away', `<section>${messages}<div><button>Send</button><div><div><div><div><div><textarea></textarea></div></div></div></div></div></div></section>`],
  ])('%s → not a composer', (_case, html) => {
    page(`<main>${html}</main>`);
    expect(composers()).toEqual([]);
  });

  it('a flat box holding messages, input and Send is one', () => {
    page('<main><div class="flat"><h2>Mari</h2><ol><li>Tere!</li></ol><textarea></textarea><button>Send</button></div></main>');
    const { composer, input } = only();
    expect(composer.className).toBe('flat');
    expect(input?.localName).toBe('textarea');
    expect(findConversationRoot(composer).className).toBe('flat');
  });

  it('a known test id comes first: the box is the test id’s, its editable the input', () => {
    page('<main><ol data-test="message-list"><li>Tere</li></ol><section data-test="messaging-composer"><div><textarea></textarea></div></section></main>');
    const { composer, input } = only();
    expect(composer.getAttribute('data-test')).toBe('messaging-composer');
    expect(input?.localName).toBe('textarea');
  });

  it('the rep’s override comes before everything', () => {
    page('<main><ul><li>Hi</li></ul><div class="outer"><div class="reply"><textarea></textarea><button>Send</button></div></div></main>');
    const match = recogniseComposer(document.querySelector('textarea')!, { composer: '.outer' });
    expect(match?.composer.className).toBe('outer');
  });
});

describe('Send buttons', () => {
  it.each([
    'Send', 'send message', 'Send ➤', 'Saada', 'Senden', 'Nachricht senden', 'Enviar', 'Envoyer', 'Invia', 'Wyślij', 'Отправить', '送信', 'メッセージを送信',
  ])('“%s” is a Send', (name) => {
    expect(isSendLabel(name)).toBe(true);
  });

  it.each(['Resend', 'Save', 'Save note', 'Sending', 'Send us your feedback about the inbox', '', '➤'])('“%s” is not', (name) => {
    expect(isSendLabel(name)).toBe(false);
  });

  it.each([
    ['its text', '<button>Send</button>', 'Send'],
    ['aria-label over text', '<button aria-label="Send">➤</button>', 'Send'],
    ['aria-labelledby', '<span id="l">Saada</span><button aria-labelledby="l">➤</button>', 'Saada'],
    ['an image’s alt', '<button><img alt="Send"></button>', 'Send'],
    ['an SVG title', '<button><svg><title>Send message</title><path d=""/></svg></button>', 'Send message'],
    ['its title when it has no content', '<button title="Send"><svg aria-hidden="true"><title>x</title></svg></button>', 'Send'],
    ['an input’s value', '<input type="submit" value="Send">', 'Send'],
  ])('a button is named by %s', (_case, html, name) => {
    page(html);
    expect(accessibleName(document.querySelector('button, input')!)).toBe(name);
  });
});
