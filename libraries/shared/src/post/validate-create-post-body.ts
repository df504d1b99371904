import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { CreatePostDto } from './dto/create-post.dto';
import { normalizePostType } from './post.types';

/** One problem with the request body. `field` is the dotted path; `message` is prefixed like Nest's ValidationPipe. */
export interface BodyIssue {
  field: string;
  /** The failing constraint, e.g. `isDefined`, `isString`, `arrayMinSize`, `isIn`, `hasMediaExtension`. */
  code: string;
  message: string;
}

export type CreatePostBodyValidation = { ok: true; value: CreatePostDto } | { ok: false; issues: BodyIssue[] };

export interface ValidateCreatePostBodyOptions {
  /**
   * The public API's `type` quirk (docs/public-api.md §3.2.3): validate as if `type` were `schedule`, then return the
   * caller's type with anything missing or unknown read as `schedule`.
   */
  lenientType?: boolean;
  /**
   * The channel's provider for an integration id. The server must pass it: the result is written to each
   * `settings.__type`, which picks the settings rules, so a client cannot choose another provider's rules.
   */
  platformOf?: (integrationId: string) => string | undefined;
}

/**
 * Unknown fields are stripped (whitelist), never rejected: Postiz clients send extra fields and must keep working.
 * The same options suit Nest's ValidationPipe.
 */
export const CREATE_POST_VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withInjectedTypes(body: Record<string, unknown>, options: ValidateCreatePostBodyOptions): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body };
  if (options.lenientType) copy['type'] = 'schedule';
  const { platformOf } = options;
  if (platformOf && Array.isArray(body['posts'])) {
    copy['posts'] = body['posts'].map((entry: unknown) => {
      if (!isRecord(entry) || !isRecord(entry['integration'])) return entry;
      const id = entry['integration']['id'];
      const platform = typeof id === 'string' ? platformOf(id) : undefined;
      const settings = entry['settings'];
      // A non-object `settings` is left alone so that validation names it.
      if (platform === undefined || (settings !== undefined && settings !== null && !isRecord(settings))) return entry;
      return { ...entry, settings: { ...(isRecord(settings) ? settings : {}), __type: platform } };
    });
  }
  return copy;
}

/** Flattens class-validator's tree into one issue per failed constraint, with Nest's message prefixes. */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): BodyIssue[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code,
      message: parentPath ? `${parentPath}.${message}` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Validates and normalizes the body of POST /posts and POST /public/v1/posts: types, required fields, dates,
 * media paths and each channel's provider settings. Platform rules (lengths, media counts) are a separate step:
 * see validatePostChannels.
 */
export function validateCreatePostBody(body: unknown, options: ValidateCreatePostBodyOptions = {}): CreatePostBodyValidation {
  if (!isRecord(body)) {
    return { ok: false, issues: [{ field: '', code: 'isObject', message: 'The request body must be a JSON object.' }] };
  }
  const dto = plainToInstance(CreatePostDto, withInjectedTypes(body, options), { enableImplicitConversion: false });
  const errors = validateSync(dto, CREATE_POST_VALIDATOR_OPTIONS);
  if (errors.length > 0) return { ok: false, issues: flattenValidationErrors(errors) };
  if (options.lenientType) dto.type = normalizePostType(body['type']);
  return { ok: true, value: dto };
}
