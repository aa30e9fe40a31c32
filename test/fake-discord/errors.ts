/**
 * Errors as Discord sends them: `{ "message": "...", "code": N, "errors"?: {...} }` with an HTTP status.
 * Form errors nest by field path and end in `_errors: [{ code, message }]`, e.g.
 * `{"embeds":{"0":{"description":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 4096 or fewer in length."}]}}}}`.
 */
import { ErrorCode } from './constants.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface FieldError {
  code: string;
  message: string;
}

export interface FormErrorTree {
  _errors?: FieldError[];
  [key: string]: FormErrorTree | FieldError[] | undefined;
}

/** Collects field errors under their paths; empty means the body is valid. */
export class FormErrors {
  readonly tree: FormErrorTree = {};
  /** Flat list, e.g. `data.embeds.0.description: BASE_TYPE_MAX_LENGTH`. */
  readonly flat: string[] = [];

  add(path: FieldPath, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (next === undefined || Array.isArray(next)) {
        const created: FormErrorTree = {};
        node[k] = created;
        node = created;
      } else {
        node = next;
      }
    }
    (node._errors ??= []).push({ code, message });
    this.flat.push(`${path.join('.') || '(body)'}: ${code} ${message}`);
  }

  get empty(): boolean {
    return this.flat.length === 0;
  }

  /** Throws the 400 Invalid Form Body if anything was collected. */
  throwIfAny(): void {
    if (!this.empty) throw ApiError.invalidForm(this);
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrors,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const out: Record<string, unknown> = { message: this.message, code: this.code };
    if (this.errors && !this.errors.empty) out.errors = this.errors.tree;
    return { ...out, ...this.extra };
  }

  static invalidForm(errors: FormErrors): ApiError {
    return new ApiError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body', errors);
  }

  /** One field error as a 400 Invalid Form Body. */
  static field(path: FieldPath, code: string, message: string): ApiError {
    const e = new FormErrors();
    e.add(path, code, message);
    return ApiError.invalidForm(e);
  }

  static unauthorized(): ApiError {
    return new ApiError(401, ErrorCode.General, '401: Unauthorized');
  }
  static notFound(): ApiError {
    return new ApiError(404, ErrorCode.General, '404: Not Found');
  }
  static methodNotAllowed(): ApiError {
    return new ApiError(405, ErrorCode.General, '405: Method Not Allowed');
  }
  static unknownChannel(): ApiError {
    return new ApiError(404, ErrorCode.UnknownChannel, 'Unknown Channel');
  }
  static unknownGuild(): ApiError {
    return new ApiError(404, ErrorCode.UnknownGuild, 'Unknown Guild');
  }
  static unknownMember(): ApiError {
    return new ApiError(404, ErrorCode.UnknownMember, 'Unknown Member');
  }
  static unknownMessage(): ApiError {
    return new ApiError(404, ErrorCode.UnknownMessage, 'Unknown Message');
  }
  static unknownUser(): ApiError {
    return new ApiError(404, ErrorCode.UnknownUser, 'Unknown User');
  }
  static unknownWebhook(): ApiError {
    return new ApiError(404, ErrorCode.UnknownWebhook, 'Unknown Webhook');
  }
  static unknownCommand(): ApiError {
    return new ApiError(404, ErrorCode.UnknownApplicationCommand, 'Unknown application command');
  }
  static unknownInteraction(): ApiError {
    return new ApiError(404, ErrorCode.UnknownInteraction, 'Unknown interaction');
  }
  static invalidWebhookToken(): ApiError {
    return new ApiError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
  }
  static alreadyAcknowledged(): ApiError {
    return new ApiError(
      400,
      ErrorCode.InteractionAlreadyAcknowledged,
      'Interaction has already been acknowledged.',
    );
  }
  static missingAccess(): ApiError {
    return new ApiError(403, ErrorCode.MissingAccess, 'Missing Access');
  }
  static missingPermissions(): ApiError {
    return new ApiError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
  }
  static emptyMessage(): ApiError {
    return new ApiError(400, ErrorCode.CannotSendEmptyMessage, 'Cannot send an empty message');
  }
  static nonTextChannel(): ApiError {
    return new ApiError(
      400,
      ErrorCode.CannotSendMessagesInNonTextChannel,
      'Cannot send messages in a non-text channel',
    );
  }
  static wrongChannelType(): ApiError {
    return new ApiError(
      400,
      ErrorCode.CannotExecuteActionOnChannelType,
      'Cannot execute action on this channel type',
    );
  }
  static threadArchived(): ApiError {
    return new ApiError(400, ErrorCode.ThreadArchived, 'Thread is archived');
  }
  static threadAlreadyCreated(): ApiError {
    return new ApiError(
      400,
      ErrorCode.ThreadAlreadyCreatedForMessage,
      'A thread has already been created for this message',
    );
  }
  static tagRequired(): ApiError {
    return new ApiError(
      400,
      ErrorCode.TagRequired,
      'A tag is required to create a forum post in this channel',
    );
  }
  static maxActiveThreads(): ApiError {
    return new ApiError(400, ErrorCode.MaximumActiveThreads, 'Maximum number of active threads reached');
  }
}
