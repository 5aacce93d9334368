import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cronScheduleError } from './cron.js';

test('valid standard schedules and descriptors', () => {
  for (const s of ['*/5 * * * *', '0 0 * * *', '0 9-17 * * MON-FRI', '15,45 */2 1 jan,jul sun', '@hourly', '@every 1h30m', '0 0 1 * ?']) {
    assert.equal(cronScheduleError(s), undefined, s);
  }
});

test('robfig/cron error messages', () => {
  assert.equal(cronScheduleError(''), 'empty spec string');
  assert.equal(cronScheduleError('foo'), 'expected exactly 5 fields, found 1: [foo]');
  assert.equal(cronScheduleError('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(cronScheduleError('60 * * * *'), 'end of range (60) above maximum (59): 60');
  assert.equal(cronScheduleError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(cronScheduleError('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(cronScheduleError('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(cronScheduleError('*/0 * * * *'), 'step of range should be a positive number: */0');
  assert.equal(cronScheduleError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
  assert.equal(cronScheduleError('@weekly2'), 'unrecognized descriptor: @weekly2');
});
