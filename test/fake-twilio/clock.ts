/**
 * The fake's notion of "now". Real time by default (shifted by any advance), or frozen at a chosen
 * instant. Every time-dependent answer (message status, 24-hour windows, seeds) reads this clock, so a
 * test can move time instead of waiting.
 */
export interface ClockState {
  now: number;
  fixed: boolean;
}

export type ClockInput = { now: number } | { advanceMs: number } | { real: true };

export class FakeClock {
  #fixedAt: number | undefined;
  #offsetMs = 0;

  constructor(fixedAt?: number) {
    this.#fixedAt = fixedAt;
  }

  now(): number {
    return this.#fixedAt ?? Date.now() + this.#offsetMs;
  }

  state(): ClockState {
    return { now: this.now(), fixed: this.#fixedAt !== undefined };
  }

  set(input: ClockInput): ClockState {
    if ('now' in input) {
      this.#fixedAt = input.now;
    } else if ('advanceMs' in input) {
      if (this.#fixedAt === undefined) this.#offsetMs += input.advanceMs;
      else this.#fixedAt += input.advanceMs;
    } else {
      this.#fixedAt = undefined;
      this.#offsetMs = 0;
    }
    return this.state();
  }
}
