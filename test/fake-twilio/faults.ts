/**
 * Injected failures for Twilio paths: error statuses (with Retry-After), slow answers, invalid JSON
 * and dropped connections, so a client's retry and timeout code can be exercised on demand.
 */
export interface FaultInput {
  /** A path prefix, or a RegExp (source) tested against the path; see `match`. */
  path: string | RegExp;
  /** How a string `path` is read; default: `regex` when it starts with `^`, else `prefix`. */
  match?: 'prefix' | 'regex';
  /** Only this HTTP method (any when absent). */
  method?: string;
  /** Answer with this status and a Twilio error body. */
  status?: number;
  /** Error code in the body; default derived from the status (429 → 20429, 5xx → 20500, …). */
  code?: number;
  message?: string;
  /** How many matching requests it applies to; unlimited when absent. */
  count?: number;
  /** Let this many matching requests through first (a failure on the second page: `after: 1`). */
  after?: number;
  /** Seconds, sent as a `Retry-After` header. */
  retryAfter?: number;
  /** Wait this long before answering (alone: a slow but otherwise normal answer). */
  delayMs?: number;
  /** Answer (status, default 200) with a body that is not valid JSON. */
  malformed?: boolean;
  /** Destroy the socket without any response. */
  drop?: boolean;
}

export interface Fault {
  id: number;
  path: string;
  match: 'prefix' | 'regex';
  method: string | null;
  status: number | null;
  code: number | null;
  message: string | null;
  /** Requests it still applies to; null = unlimited. */
  remaining: number | null;
  /** Matching requests still to let through before it applies. */
  skip: number;
  retryAfter: number | null;
  delayMs: number;
  malformed: boolean;
  drop: boolean;
}

export class FaultRegistry {
  #faults: Array<{ fault: Fault; test: (path: string) => boolean }> = [];
  #nextId = 1;

  add(input: FaultInput): Fault {
    const isRegExp = input.path instanceof RegExp;
    const source = isRegExp ? (input.path as RegExp).source : (input.path as string);
    const match = isRegExp ? 'regex' : (input.match ?? (source.startsWith('^') ? 'regex' : 'prefix'));
    const pattern = match === 'regex' ? new RegExp(source) : undefined;
    const fault: Fault = {
      id: this.#nextId++,
      path: source,
      match,
      method: input.method?.toUpperCase() ?? null,
      status: input.status ?? null,
      code: input.code ?? null,
      message: input.message ?? null,
      remaining: input.count ?? null,
      skip: input.after ?? 0,
      retryAfter: input.retryAfter ?? null,
      delayMs: input.delayMs ?? 0,
      malformed: input.malformed ?? false,
      drop: input.drop ?? false,
    };
    this.#faults.push({ fault, test: pattern ? (p) => pattern.test(p) : (p) => p.startsWith(source) });
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map(({ fault }) => ({ ...fault }));
  }

  remove(id: number): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter(({ fault }) => fault.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault that applies to this request, used up by one; faults are tried in the order added. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.#faults.find(({ fault, test }) => {
      if (!((fault.method === null || fault.method === method.toUpperCase()) && test(path))) return false;
      if (fault.skip === 0) return true;
      fault.skip -= 1;
      return false;
    });
    if (!entry) return undefined;
    const { fault } = entry;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.remove(fault.id);
    }
    return { ...fault };
  }
}
