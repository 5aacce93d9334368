import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatCriLine,
  formatRfc3339Nano,
  parseCriLine,
  parseRfc3339Nano,
} from './cri-log.js';

describe('RFC3339Nano timestamps', () => {
  it('formats like Go: UTC, nanoseconds, trailing zeros trimmed', () => {
    assert.equal(formatRfc3339Nano(1475713029669794202n), '2016-10-06T00:17:09.669794202Z');
    assert.equal(formatRfc3339Nano(1475713029669794200n), '2016-10-06T00:17:09.6697942Z');
    assert.equal(formatRfc3339Nano(1475713029000000000n), '2016-10-06T00:17:09Z');
    assert.equal(formatRfc3339Nano(0n), '1970-01-01T00:00:00Z');
  });

  it('parses fractions of any length and zone offsets', () => {
    assert.equal(parseRfc3339Nano('2016-10-06T00:17:09.669794202Z'), 1475713029669794202n);
    assert.equal(parseRfc3339Nano('2016-10-06T00:17:09.5Z'), 1475713029500000000n);
    assert.equal(parseRfc3339Nano('2016-10-06T00:17:09Z'), 1475713029000000000n);
    assert.equal(parseRfc3339Nano('2016-10-06T02:17:09.1+02:00'), 1475713029100000000n);
    assert.equal(parseRfc3339Nano('2016-10-05T22:17:09-02:00'), 1475713029000000000n);
  });

  it('round-trips', () => {
    for (const ns of [1n, 999999999n, 1700000000123456789n, 1700000000100000000n]) {
      assert.equal(parseRfc3339Nano(formatRfc3339Nano(ns)), ns);
    }
  });

  it('rejects malformed timestamps with the upstream message', () => {
    assert.throws(
      () => parseRfc3339Nano('2016-10-06 00:17:09Z'),
      /^Error: unexpected timestamp format "2006-01-02T15:04:05.999999999Z07:00": parsing time "2016-10-06 00:17:09Z"$/,
    );
    assert.throws(() => parseRfc3339Nano('2016-10-06T00:17:09.1234567890Z'), /unexpected timestamp format/);
  });
});

describe('CRI log lines', () => {
  it('formats full and partial lines', () => {
    const t = 1475713029669794202n;
    assert.equal(formatCriLine('stdout', false, 'log content 1', t).toString(), '2016-10-06T00:17:09.669794202Z stdout F log content 1\n');
    assert.equal(formatCriLine('stderr', true, Buffer.from('abc'), t).toString(), '2016-10-06T00:17:09.669794202Z stderr P abc\n');
    assert.equal(formatCriLine('stdout', false, '', t).toString(), '2016-10-06T00:17:09.669794202Z stdout F \n');
  });

  it('defaults the timestamp to now', () => {
    const before = BigInt(Date.now() - 1) * 1_000_000n;
    const line = parseCriLine(formatCriLine('stdout', false, 'x'));
    assert.ok(line.timeNs >= before && line.timeNs <= BigInt(Date.now() + 1) * 1_000_000n);
  });

  it('parses what it formats, with or without the trailing newline', () => {
    const t = 1700000000123456789n;
    for (const [stream, partial, content] of [
      ['stdout', false, 'hello world'],
      ['stderr', true, '  spaces  kept '],
      ['stdout', false, ''],
    ] as const) {
      const raw = formatCriLine(stream, partial, content, t);
      for (const input of [raw, raw.subarray(0, raw.length - 1), raw.toString()]) {
        const p = parseCriLine(input);
        assert.equal(p.stream, stream);
        assert.equal(p.partial, partial);
        assert.equal(p.content.toString(), content);
        assert.equal(p.timeNs, t);
        assert.equal(p.timestamp, '2023-11-14T22:13:20.123456789Z');
      }
    }
  });

  it('keeps arbitrary bytes in the content', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x20, 0x00, 0x41]);
    const p = parseCriLine(formatCriLine('stdout', false, bytes, 0n));
    assert.deepEqual([...p.content], [...bytes]);
  });

  it('follows the kubelet: only the first tag counts, only P is partial', () => {
    assert.equal(parseCriLine('2016-10-06T00:17:09Z stdout P:x y').partial, true);
    assert.equal(parseCriLine('2016-10-06T00:17:09Z stdout F:P y').partial, false);
    assert.equal(parseCriLine('2016-10-06T00:17:09Z stdout Q y').partial, false);
    assert.equal(parseCriLine('2016-10-06T00:17:09Z stdout F a b  c').content.toString(), 'a b  c');
  });

  it('reports malformed lines with the kubelet messages', () => {
    assert.throws(() => parseCriLine('garbage'), /^Error: timestamp is not found$/);
    assert.throws(() => parseCriLine('2016-10-06T00:17:09Z'), /^Error: timestamp is not found$/);
    assert.throws(() => parseCriLine('2016-10-06T00:17:09Z stdout'), /^Error: stream type is not found$/);
    assert.throws(() => parseCriLine('2016-10-06T00:17:09Z stdin F x'), /^Error: unexpected stream type "stdin"$/);
    assert.throws(() => parseCriLine('2016-10-06T00:17:09Z stdout F'), /^Error: log tag is not found$/);
    assert.throws(() => parseCriLine('yesterday stdout F x'), /unexpected timestamp format/);
  });
});
