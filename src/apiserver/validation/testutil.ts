/**
 * Helpers for the validation tables: render field errors as upstream prints them
 * (`field: message`) and compare a validator's output with the expected lines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FieldError, errorString } from '../../api/field.js';

/** `field: message` lines, in order. */
export const lines = (errs: FieldError[]): string[] => errs.map(errorString);

/** One row of a validation table: a mutation of a valid fixture and the exact errors expected. */
export interface Case<T> {
  name: string;
  mutate: (obj: T) => void;
  /** Every expected `field: message` line; the output must be exactly these (in any order). */
  want: string[];
}

/** Registers one test per case: mutate a fresh fixture, validate, compare lines (order-insensitive). */
export function runCases<T>(prefix: string, fixture: () => T, validate: (obj: T) => FieldError[], cases: Case<T>[]): void {
  for (const c of cases) {
    test(`${prefix}: ${c.name}`, () => {
      const obj = fixture();
      c.mutate(obj);
      assert.deepEqual(lines(validate(obj)).sort(), [...c.want].sort());
    });
  }
}

/** Deep copy of a JSON object. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
