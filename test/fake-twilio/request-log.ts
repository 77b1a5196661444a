/** One Twilio request as the fake saw it, for tests that assert what a client sent. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed form body of a POST (for a repeated key, the last value); null otherwise. */
  form: Record<string, string> | null;
  /** The same form as `[key, value]` pairs in order, repeated keys (`MediaUrl`) included; null without one. */
  formPairs: Array<[string, string]> | null;
  /** A JSON body (the Content API's), parsed; null without one (and when it was not valid JSON: see `status`). */
  json: unknown;
  /** The Basic-auth username, valid or not; null when none was sent (always, on the CDN). */
  authUser: string | null;
  /** The status answered; null when a fault dropped the connection. */
  status: number | null;
  /** Fake-clock time the request arrived. */
  at: number;
}

export class RequestLog {
  #entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry);
  }

  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
