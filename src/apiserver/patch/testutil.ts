/**
 * Helpers for the patch tests: deep-freezing inputs (so any mutation by an applier throws) and
 * asserting the ApiError a call raises.
 */
import assert from 'node:assert/strict';
import { ApiError } from '../../api/errors.js';

/** Recursively freezes a JSON value and returns it. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

/** Asserts that `fn` throws an ApiError with the given code, reason and message (a string or pattern). */
export function assertApiError(fn: () => unknown, code: number, reason: string, message: string | RegExp): ApiError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ApiError, `expected an ApiError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.reason, reason);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}
