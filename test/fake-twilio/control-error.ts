/** A mistake in a control request (not a Twilio error): the control API answers `{error}` with this status. */
export class ControlError extends Error {
  readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
  }
}
