import { ApiError, ErrorCode } from './errors.js';

/**
 * Global ids are base64url of `<Type>:<primary key>` (`Plan:320612-2021` → `UGxhbjozMjA2MTItMjAyMQ`).
 * Opaque to clients, but stable: plan parts keep their keys across re-imports.
 */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: string;
  key: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TYPED_KEY = /^([A-Z][A-Za-z]*):(.+)$/s;
// Keys are printable: a control character (a NUL, which PostgreSQL refuses in text) marks a forgery.
const CONTROL = /\p{Cc}/u;

/** The type and key of a global id, or an `id/invalid` error saying why it is not one. */
export function fromGlobalId(id: string): DecodedId {
  const match = BASE64URL.test(id) ? TYPED_KEY.exec(Buffer.from(id, 'base64url').toString('utf8')) : null;
  if (!match || CONTROL.test(match[2])) throw new ApiError(ErrorCode.ID_INVALID, `"${id}" is not a Plan Atlas id.`, { id });
  return { type: match[1], key: match[2] };
}

/** The key of a global id that must be of `type`, e.g. `plan(id:)` refuses a Task id. */
export function keyOfType(id: string, type: string): string {
  const decoded = fromGlobalId(id);
  if (decoded.type !== type) {
    throw new ApiError(ErrorCode.ID_INVALID, `"${id}" is not a ${type} id (it is a ${decoded.type} id).`, { id });
  }
  return decoded.key;
}
