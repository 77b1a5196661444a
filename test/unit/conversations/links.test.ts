import { describe, expect, it } from 'vitest';
import { splitLinks } from '@/lib/conversations/links';

describe('splitLinks: only https links become links', () => {
  it.each([
    ['plain text', 'Tere, Mari!', [{ text: 'Tere, Mari!' }]],
    ['a link with trailing punctuation kept as text', 'See https://acme.example/t/10517.', [{ text: 'See ' }, { text: 'https://acme.example/t/10517', href: 'https://acme.example/t/10517' }, { text: '.' }]],
    ['http is not linked', 'http://acme.example/x', [{ text: 'http://acme.example/x' }]],
    ['javascript: is not linked', 'javascript:alert(1)', [{ text: 'javascript:alert(1)' }]],
    ['markup stays text', '<a href="https://evil.example">x</a>', [{ text: '<a href="' }, { text: 'https://evil.example', href: 'https://evil.example/' }, { text: '">x</a>' }]],
    ['two links', 'https://a.ee and https://b.ee', [{ text: 'https://a.ee', href: 'https://a.ee/' }, { text: ' and ' }, { text: 'https://b.ee', href: 'https://b.ee/' }]],
  ])('%s', (_name, text, expected) => {
    expect(splitLinks(text)).toEqual(expected);
  });
});
