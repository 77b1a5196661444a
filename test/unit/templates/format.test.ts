import { describe, expect, it } from 'vitest';
import { formatWhatsApp } from '@/lib/templates/format';

describe('formatWhatsApp', () => {
  it.each([
    ['plain text', [{ text: 'plain text' }]],
    ['Your *order* is ready', [{ text: 'Your ' }, { text: 'order', bold: true }, { text: ' is ready' }]],
    ['_soon_', [{ text: 'soon', italic: true }]],
    ['~old price~ new', [{ text: 'old price', strike: true }, { text: ' new' }]],
    ['*_both_*', [{ text: 'both', bold: true, italic: true }]],
    ['Code: ```*not bold*```', [{ text: 'Code: ' }, { text: '*not bold*', mono: true }]],
    ['2 * 3 * 4', [{ text: '2 * 3 * 4' }]],
    ['snake_case_name stays', [{ text: 'snake_case_name stays' }]],
    ['*unclosed', [{ text: '*unclosed' }]],
    ['(*bold*).', [{ text: '(' }, { text: 'bold', bold: true }, { text: ').' }]],
    ['<img src=x onerror=alert(1)>', [{ text: '<img src=x onerror=alert(1)>' }]],
    ['line one\n*line two*', [{ text: 'line one\n' }, { text: 'line two', bold: true }]],
  ])('%j', (input, expected) => {
    expect(formatWhatsApp(input)).toEqual(expected);
  });
});
