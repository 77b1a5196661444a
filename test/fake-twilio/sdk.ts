import qs from 'qs';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * The official `twilio` SDK wired to a fake over real HTTP, recording every request it makes. The SDK
 * is the oracle for our own fetch client: for the same operation both must send the same method, URL
 * and parameters (DESIGN §2), and the SDK must be able to parse the fake's answers.
 */
export interface RecordedSdkRequest {
  /** Upper-case, e.g. `GET`. */
  method: string;
  /** The Twilio URL the SDK asked for (`https://api.twilio.com/…`), before forwarding to the fake. */
  url: string;
  /** Query parameters the SDK passed separately (first pages); null when they are already in `url`. */
  params: Record<string, unknown> | null;
  /** Form fields of a POST, as the SDK passed them. */
  data: Record<string, unknown> | null;
  /** What went on the wire: the query of `url` plus `params`, serialized the way the SDK does it. */
  query: Record<string, string>;
  /** What went on the wire as the form body; null without one (or with a JSON body). */
  form: Record<string, string> | null;
  /** A JSON body (the Content API's), as it went on the wire; null without one. */
  json: unknown;
}

export interface SdkAuth {
  /** Account SID (with an Auth Token) or API key SID `SK…` (with its secret). */
  username: string;
  password: string;
  /** Required when `username` is an API key: the account the key belongs to. */
  accountSid?: string;
}

export interface SdkHarness {
  client: twilio.Twilio;
  /** Every request so far, oldest first; clear it with `requests.length = 0`. */
  requests: RecordedSdkRequest[];
}

type RequestOptions<T> = RequestClient.RequestOptions<T>;

/** Sends the SDK's requests to the fake instead of Twilio's hosts, keeping path and query. */
class ForwardingRequestClient extends twilio.RequestClient {
  readonly #fakeUrl: string;
  readonly #record: (request: RecordedSdkRequest) => void;

  constructor(fakeUrl: string, record: (request: RecordedSdkRequest) => void) {
    // The SDK would otherwise retry 429s by itself and hide them from the test.
    super({ autoRetry: false, timeout: 5_000 });
    this.#fakeUrl = fakeUrl;
    this.#record = record;
  }

  override request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    const original = new URL(opts.uri);
    const params = asRecord(opts.params);
    const data = asRecord(opts.data);
    const isJson = (opts.headers as Record<string, string> | undefined)?.['Content-Type'] === 'application/json';
    this.#record({
      method: opts.method.toUpperCase(),
      url: original.href,
      params,
      data,
      query: { ...Object.fromEntries(original.searchParams), ...wire(params) },
      form: data === null || isJson ? null : wire(data),
      json: isJson && data !== null ? (JSON.parse(JSON.stringify(data)) as unknown) : null,
    });
    return super.request({ ...opts, uri: new URL(original.pathname + original.search, this.#fakeUrl).href });
  }
}

export function createSdkClient(fakeUrl: string, auth: SdkAuth): SdkHarness {
  const requests: RecordedSdkRequest[] = [];
  const client = twilio(auth.username, auth.password, {
    accountSid: auth.accountSid,
    httpClient: new ForwardingRequestClient(fakeUrl, (request) => requests.push(request)),
  });
  return { client, requests };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : null;
}

/** The SDK serializes with qs (`arrayFormat: repeat`); parse that back to see exactly what was sent. */
function wire(values: Record<string, unknown> | null): Record<string, string> {
  if (values === null) return {};
  return Object.fromEntries(new URLSearchParams(qs.stringify(values, { arrayFormat: 'repeat' })));
}
