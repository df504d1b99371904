import type { ApiError } from '../../lib/api-error';
import type { AuthMode } from './auth-form';

export interface AuthFields {
  email: string;
  password: string;
  company: string;
}

export type FieldErrors = Partial<Record<keyof AuthFields, string | undefined>>;

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Mirrors the API's rules so most mistakes are caught before a round trip. */
export function validateAuthForm(mode: AuthMode, fields: AuthFields): FieldErrors {
  const errors: FieldErrors = {};
  const email = fields.email.trim();
  if (!email) errors.email = 'Enter your email address.';
  else if (!EMAIL_SHAPE.test(email)) errors.email = 'Enter an email address like name@example.com.';
  if (!fields.password) errors.password = 'Enter your password.';
  else if (fields.password.length < MIN_PASSWORD_LENGTH) errors.password = `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (mode === 'register' && !fields.company.trim()) errors.company = 'Enter a company or workspace name.';
  return errors;
}

/** Picks per-field messages out of a 400's `details`, whichever of the usual shapes it has. */
export function fieldErrorsFrom(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  if (error.code === 'email_taken') errors.email = 'This email is already registered.';
  if (!Array.isArray(error.details)) return errors;
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { field, property, message } = detail as Record<string, unknown>;
    const name = typeof field === 'string' ? field : typeof property === 'string' ? property : null;
    if ((name === 'email' || name === 'password' || name === 'company') && typeof message === 'string') errors[name] = message;
  }
  return errors;
}
