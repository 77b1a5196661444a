/** One Twilio request as the fake saw it, for tests that assert what a client sent. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed form body of a POST; null otherwise. */
  form: Record<string, string> | null;
  /** The Basic-auth username, valid or not; null when none was sent. */
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
