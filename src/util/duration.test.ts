import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, parseGoDuration, parseTimestamp, shortHumanDuration, timeSince } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

test('humanDuration follows upstream boundaries', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    [59 * S, '59s'],
    [60 * S, '60s'],
    [119 * S, '119s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [179 * M, '179m'],
    [180 * M, '3h'],
    [3 * H + 1 * M, '3h1m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [2 * D + 1 * H, '2d1h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [2 * Y - 1 * H, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 1 * D, '2y1d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 200 * D, '8y'],
    [123 * Y, '123y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
});

test('shortHumanDuration uses a single unit', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [59 * S, '59s'],
    [60 * S, '1m'],
    [59 * M + 59 * S, '59m'],
    [60 * M, '1h'],
    [23 * H, '23h'],
    [24 * H, '1d'],
    [364 * D, '364d'],
    [365 * D, '1y'],
    [3 * Y + 100 * D, '3y'],
  ];
  for (const [ms, want] of cases) assert.equal(shortHumanDuration(ms), want, `shortHumanDuration(${ms})`);
});

test('timeSince handles missing and micro-precision timestamps', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  assert.equal(timeSince(undefined, now), '<unknown>');
  assert.equal(timeSince('', now), '<unknown>');
  assert.equal(timeSince('garbage', now), '<unknown>');
  assert.equal(timeSince('2024-05-01T11:59:53Z', now), '7s');
  assert.equal(timeSince('2024-05-01T11:00:00.000000Z', now), '60m');
  assert.equal(timeSince('2024-04-01T12:00:00Z', now), '30d');
  assert.equal(timeSince('2024-05-01T12:00:05Z', now), '<invalid>');
  assert.equal(parseTimestamp('2024-05-01T12:00:00.5Z'), now + 500);
  assert.equal(parseTimestamp(null), undefined);
});

test('parseGoDuration reads flag durations as Go does', () => {
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('500ms'), 500);
  assert.equal(parseGoDuration('1s'), S);
  assert.equal(parseGoDuration('5m'), 5 * M);
  assert.equal(parseGoDuration('1h30m'), H + 30 * M);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.throws(() => parseGoDuration(''), /^Error: time: invalid duration ""$/);
  assert.throws(() => parseGoDuration('m'), /^Error: time: invalid duration "m"$/);
  assert.throws(() => parseGoDuration('5'), /^Error: time: missing unit in duration "5"$/);
  assert.throws(() => parseGoDuration('1s2'), /^Error: time: missing unit in duration "1s2"$/);
  assert.throws(() => parseGoDuration('1x'), /^Error: time: unknown unit "x" in duration "1x"$/);
});
