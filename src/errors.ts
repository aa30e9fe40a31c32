/** A problem with what the user asked for (not a bug): its message is shown to them as is. */
export class UserError extends Error {
  constructor(
    message: string,
    /** Close alternatives to offer, e.g. document titles. */
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
