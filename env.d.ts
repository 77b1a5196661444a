/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set only for the sandbox build (demo, benchmark): the local fake Twilio's origin. */
  readonly WXT_SANDBOX_TWILIO?: string;
}
