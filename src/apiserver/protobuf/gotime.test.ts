import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatMicroTime, formatTime } from './gotime.js';

test('formatTime renders metav1.Time as RFC 3339 in UTC with whole seconds', () => {
  assert.equal(formatTime(0), '1970-01-01T00:00:00Z');
  assert.equal(formatTime(1704164645), '2024-01-02T03:04:05Z');
  assert.equal(formatTime(-1), '1969-12-31T23:59:59Z');
});

test('formatMicroTime keeps six fractional digits, truncating nanoseconds', () => {
  assert.equal(formatMicroTime(1704164645, 0), '2024-01-02T03:04:05.000000Z');
  assert.equal(formatMicroTime(1704164645, 123456789), '2024-01-02T03:04:05.123456Z');
  assert.equal(formatMicroTime(1704164645, 999), '2024-01-02T03:04:05.000000Z');
  assert.equal(formatMicroTime(1704164645, 1000), '2024-01-02T03:04:05.000001Z');
});

test('formatDuration matches Go time.Duration.String()', () => {
  const cases: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [1_100n, '1.1µs'],
    [2_200_000n, '2.2ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [60_000_000_000n, '1m0s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_500_000_000n, '1h2m3.5s'],
    [-1_500_000_000n, '-1.5s'],
    [-5n, '-5ns'],
    [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
  ];
  for (const [nanos, want] of cases) assert.equal(formatDuration(nanos), want, String(nanos));
});
