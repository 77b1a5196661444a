import { describe, expect, it } from 'vitest';
import { buildSearchIndex, fold, searchTemplates, type Searchable } from '@/lib/templates/search';

const t = (sid: string, name: string, body: string, status = 'approved', language = 'en', category = 'UTILITY'): Searchable => ({ sid, name, body, status, language, category });

const catalogue = [
  t('1', 'order_update', 'Hi {{1}}, your order {{2}} has shipped.'),
  t('2', 'tellimuse_olek', 'Tere {{1}}! Teie tellimus on teel.', 'approved', 'et'),
  t('3', 'cita_recordatorio', 'Hola {{1}}, le recordamos su cita del jueves.', 'approved', 'es'),
  t('4', 'promo_black_friday', 'Our biggest sale: 30% off every order.', 'rejected', 'en', 'MARKETING'),
  t('5', 'pagamento_confirmação', 'Olá {{1}}, recebemos o seu pagamento.', 'pending', 'pt_BR'),
  t('6', 'shipping_delay', 'Sorry, order {{1}} is delayed.', 'approved'),
  t('7', 'zz_order_reminder', 'A reminder.', 'paused'),
];
const index = buildSearchIndex(catalogue);
const sids = (query: Parameters<typeof searchTemplates>[1]) => searchTemplates(index, query).results.map((r) => r.sid);

describe('fold', () => {
  it.each([
    ['Olá', 'ola'],
    ['CONFIRMAÇÃO', 'confirmacao'],
    ['Jüri Õun', 'juri oun'],
    ['ﬁ', 'fi'],
  ])('%s → %s', (input, expected) => expect(fold(input)).toBe(expected));
});

describe('searchTemplates', () => {
  it('lists every template with an empty query: approved first, by name', () => {
    expect(sids({ query: '' })).toEqual(['3', '1', '6', '2', '5', '4', '7']);
  });

  it('matches names before bodies within the same status', () => {
    // "order" is in the name of 1 (approved) and 7 (paused), in the body of 6 (approved) and 4 (rejected);
    // rejected and paused rank alike (never sendable), so there too the name match comes first.
    expect(sids({ query: 'order' })).toEqual(['1', '6', '7', '4']);
  });

  it('ignores accents and case, in both directions', () => {
    expect(sids({ query: 'CONFIRMACAO' })).toEqual(['5']);
    expect(sids({ query: 'olá' })).toEqual(['3', '5']); // "Hola" contains "ola" too
    expect(sids({ query: 'pagaménto' })).toEqual(['5']);
    expect(sids({ query: 'tellimus' })).toEqual(['2']);
  });

  it('needs every word, in name or body', () => {
    expect(sids({ query: 'order shipped' })).toEqual(['1']);
    expect(sids({ query: 'order nothing' })).toEqual([]);
    expect(sids({ query: 'black friday' })).toEqual(['4']);
  });

  it('filters by language and category, and caps the results but not the total', () => {
    expect(sids({ query: '', language: 'es' })).toEqual(['3']);
    expect(sids({ query: '', category: 'MARKETING' })).toEqual(['4']);
    expect(searchTemplates(index, { query: '', limit: 2 })).toMatchObject({ total: 7 });
    expect(sids({ query: '', limit: 2 })).toEqual(['3', '1']);
  });

  it('lists the languages and categories present', () => {
    expect(index.languages).toEqual(['en', 'es', 'et', 'pt_BR']);
    expect(index.categories).toEqual(['MARKETING', 'UTILITY']);
  });
});
