import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseRetryAfter } from '@/lib/twilio/errors';

describe('errorFromResponse', () => {
  it.each([
    {
      name: 'legacy body',
      status: 401,
      body: JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }),
      expected: { status: 401, code: 20003, message: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003' },
    },
    {
      name: 'RFC 9457 problem details',
      status: 400,
      body: JSON.stringify({ type: 'https://www.twilio.com/docs/errors/21656', title: 'Invalid ContentVariables', status: 400, code: 21656, detail: 'Variable 1 is empty' }),
      expected: { status: 400, code: 21656, message: 'Variable 1 is empty', moreInfo: 'https://www.twilio.com/docs/errors/21656' },
    },
    {
      name: 'an HTML page from a proxy',
      status: 502,
      body: '<html>Bad gateway</html>',
      expected: { status: 502, code: undefined, message: 'Twilio answered HTTP 502', moreInfo: undefined },
    },
    {
      name: 'a code given as a string',
      status: 429,
      body: JSON.stringify({ code: '20429', message: 'Too Many Requests' }),
      expected: { status: 429, code: 20429, message: 'Too Many Requests', moreInfo: undefined },
    },
  ])('reads $name', ({ status, body, expected }) => {
    const error = errorFromResponse(status, body);
    expect({ status: error.status, code: error.code, message: error.message, moreInfo: error.moreInfo }).toEqual(expected);
    expect(error.kind).toBe('http');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['3', 3000],
    [' 0 ', 0],
    ['Wed, 25 Nov 2026 12:00:05 GMT', 5000],
    ['Wed, 25 Nov 2026 11:59:00 GMT', 0],
    ['soon', undefined],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
