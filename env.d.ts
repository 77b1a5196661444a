/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set only for the sandbox build (demo, benchmark): the local fake Twilio's origin. */
  readonly WXT_SANDBOX_TWILIO?: string;
  /**
   * Set only for the e2e timeout build (`.output/test-timeout`): Twilio's per-request timeout in ms, so a test can
   * watch four timed-out attempts in seconds. Unset in every other build: 15 s (DEFAULT_TIMEOUT_MS).
   */
  readonly WXT_TEST_TWILIO_TIMEOUT_MS?: string;
}
