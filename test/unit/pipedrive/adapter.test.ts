// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  findConversationRoot, phoneFromHref, readChannel, readComposerInput, readContactName, readDealId, readPersonId, readPhoneCandidates,
} from '@/lib/pipedrive/adapter';

function page(html: string): HTMLElement {
  const root = document.createElement('div');
  // eslint-disable-next-line no-restricted-syntax -- the test's own fixed markup, not data from outside
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

const conversation = (header: string, composer = '<div data-test="messaging-composer"><textarea aria-label="Message"></textarea></div>') =>
  page(`<main><header data-test="conversation-header">${header}</header><ol><li>Hi, I use Messenger and WhatsApp</li></ol>${composer}</main>`);

describe('readChannel', () => {
  it.each([
    ['a "WhatsApp" label', '<h2>Mari</h2><span>WhatsApp</span>', 'whatsapp'],
    ['a WhatsApp icon (alt)', '<h2>Mari</h2><img alt="WhatsApp">', 'whatsapp'],
    ['a title', '<h2>Mari</h2><span title="Channel: WhatsApp Business"></span>', 'whatsapp'],
    ['a data attribute', '<h2>Mari</h2><span data-channel="whatsapp"></span>', 'whatsapp'],
    ['a wa.me link', '<h2>Mari</h2><a href="https://wa.me/37251234567">chat</a>', 'whatsapp'],
    ['a Messenger icon', '<h2>Peter</h2><img alt="Messenger">', 'other'],
    ['an Instagram label', '<h2>Peter</h2><span>Instagram</span>', 'other'],
    ['no cue at all', '<h2>Someone</h2>', 'unknown'],
  ])('%s → %s', (_name, header, expected) => {
    expect(readChannel(conversation(header).querySelector('main')!)).toBe(expected);
  });

  it('ignores what customers write in messages', () => {
    const root = conversation('<h2>Someone</h2>');
    expect(readChannel(root.querySelector('main')!)).toBe('unknown');
  });

  it.each([
    ['WhatsApp only in the heading (an email’s subject)', '<h2>Re: your WhatsApp order</h2>', 'unknown'],
    ['WhatsApp inside a sentence', '<h2>Ann</h2><p>Asked us to write to her on WhatsApp next week</p>', 'unknown'],
  ])('%s → %s', (_name, header, expected) => {
    expect(readChannel(conversation(header).querySelector('main')!)).toBe(expected);
  });

  it.each([
    ['WhatsApp', 'whatsapp'],
    ['Messenger', 'other'],
  ])('reads an SVG icon’s <title> outside the header too: %s → %s', (channel, expected) => {
    const root = conversation('<h2>Someone</h2>',
      `<div data-test="messaging-composer"><textarea></textarea><button><svg><title>${channel}</title></svg></button></div>`);
    expect(readChannel(root.querySelector('main')!)).toBe(expected);
  });

  it('ignores a wa.me link a customer sent in a message', () => {
    const root = page('<main><header data-test="conversation-header"><h2>Someone</h2></header>' +
      '<ol><li>Write me on <a href="https://wa.me/37258765432">wa.me/37258765432</a></li></ol>' +
      '<div data-test="messaging-composer"><textarea></textarea></div></main>');
    expect(readChannel(root.querySelector('main')!)).toBe('unknown');
  });
});

describe('readPhoneCandidates', () => {
  it('lists tel: and WhatsApp links, phone-labelled elements, then header text, without repeats', () => {
    const root = conversation(
      '<h2>Mari Tamm</h2><span>+372 5123 4567</span><a href="tel:+3725550101">Call</a><a href="https://wa.me/3725550102">WA</a>' +
        '<span data-test="person-phone">+372 5550 103</span><span aria-label="Phone: +372 5123 4567"></span>',
    );
    expect(readPhoneCandidates(root.querySelector('main')!)).toEqual(['+3725550101', '+3725550102', '+372 5550 103', '+372 5123 4567']);
  });

  it('puts the rep’s own selector first, and survives an invalid one', () => {
    const root = conversation('<h2>Mari</h2><span class="x-phone">5123 4567</span><span>+372 5550 101</span>');
    expect(readPhoneCandidates(root.querySelector('main')!, { contactPhone: '.x-phone' })[0]).toBe('5123 4567');
    expect(readPhoneCandidates(root.querySelector('main')!, { contactPhone: '[[[' })).toEqual(['5123 4567', '+372 5550 101']);
  });

  it.each([
    ['Arabic-Indic digits', '+٣٧٢ ٥١٢٣ ٤٥٦٧'],
    ['fullwidth digits and plus', '＋３７２ ５１２３ ４５６７'],
    ['a national number', '5123 4567'],
    ['a 00 prefix', '00372 5123 4567'],
  ])('finds a header number written with %s', (_name, written) => {
    expect(readPhoneCandidates(conversation(`<h2>Mari</h2><span>${written}</span>`).querySelector('main')!)).toEqual([written]);
  });

  it('finds nothing where there is nothing', () => {
    expect(readPhoneCandidates(conversation('<h2>Kevin</h2><span>12 Nov</span>').querySelector('main')!)).toEqual([]);
  });

  it.each([
    ['tel:+372%205123%204567', '+372 5123 4567'],
    ['https://wa.me/37251234567', '+37251234567'],
    ['https://api.whatsapp.com/send?phone=37251234567', '+37251234567'],
    ['whatsapp://send?phone=+34600123456', '+34600123456'],
    ['https://example.com', undefined],
  ])('phoneFromHref(%s) → %s', (href, expected) => {
    expect(phoneFromHref(href)).toBe(expected);
  });
});

describe('conversation readers', () => {
  it('find the conversation around a composer, its name, person and deal', () => {
    const root = conversation('<h2 data-test="conversation-header-title">Mari Tamm</h2><a href="/person/101">P</a><a href="/deal/201">D</a>');
    const composer = root.querySelector('[data-test="messaging-composer"]')!;
    const conversationRoot = findConversationRoot(composer);
    expect(conversationRoot.tagName).toBe('MAIN');
    expect(readContactName(conversationRoot)).toBe('Mari Tamm');
    expect(readPersonId(conversationRoot)).toBe('101');
    expect(readDealId(conversationRoot)).toBe('201');
    expect(readComposerInput(composer)?.tagName).toBe('TEXTAREA');
  });

  it('reads the name without the channel icon’s SVG title inside the heading', () => {
    const root = conversation('<h2><svg><title>WhatsApp</title></svg> Jonas Becker</h2>');
    expect(readContactName(root.querySelector('main')!)).toBe('Jonas Becker');
  });

  it('reads the name from a role="heading" when no h1–h3 is there', () => {
    const root = conversation('<img alt="WhatsApp"><div role="heading" aria-level="2">Lucía García</div>');
    expect(readContactName(root.querySelector('main')!)).toBe('Lucía García');
  });

  it('finds the conversation within its region, not the app around it with its own <header>', () => {
    const root = page('<header><h1>Pipedrive</h1><a href="https://wa.me/14155238886">Our WhatsApp</a></header>' +
      '<div class="pane"><div><h2>Mari Tamm</h2><span>+372 5123 4567</span></div><ul><li>Tere!</li></ul>' +
      '<div data-test="messaging-composer"><textarea></textarea></div></div>');
    const conversationRoot = findConversationRoot(root.querySelector('[data-test="messaging-composer"]')!);
    expect(conversationRoot.className).toBe('pane');
    expect(readContactName(conversationRoot)).toBe('Mari Tamm');
    expect(readChannel(conversationRoot)).toBe('unknown');
    expect(readPhoneCandidates(conversationRoot)).toEqual(['+372 5123 4567']);
  });

  it('finds a contenteditable composer input', () => {
    const root = conversation('<h2>Mari</h2>', '<div data-test="messaging-composer"><div contenteditable="true" role="textbox"></div></div>');
    expect(readComposerInput(root.querySelector('[data-test="messaging-composer"]')!)?.getAttribute('role')).toBe('textbox');
  });
});
