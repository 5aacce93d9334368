import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { Pod } from '../api/types.js';
import { containerLogStatusError, formatTimestampFixed, readLogs, tailStart } from './logs.js';
import { formatCriLine, parseRfc3339Nano } from './runtime/cri-log.js';

const dir = mkdtempSync(join(tmpdir(), 'skiff-logs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `f${seq++}.log`);
  writeFileSync(p, content);
  return p;
}

const T0 = parseRfc3339Nano('2024-05-01T10:00:00Z');
const sec = (n: number): bigint => T0 + BigInt(n) * 1_000_000_000n;

function cri(entries: [number, 'stdout' | 'stderr', 'F' | 'P', string][]): Buffer {
  return Buffer.concat(entries.map(([s, st, tag, text]) => formatCriLine(st, tag === 'P', text, sec(s))));
}

async function collect(r: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const stopped = { running: () => false, signal: new AbortController().signal };

describe('readLogs', () => {
  const basic = cri([
    [0, 'stdout', 'F', 'one'],
    [1, 'stderr', 'F', 'two'],
    [2, 'stdout', 'P', 'thr'],
    [3, 'stdout', 'F', 'ee'],
    [4, 'stdout', 'F', 'four'],
  ]);

  it('joins partial pieces and writes both streams in order', async () => {
    assert.equal(await collect(readLogs(file(basic), {}, stopped)), 'one\ntwo\nthree\nfour\n');
  });

  it('prefixes fixed-width RFC3339Nano timestamps (a joined line keeps its first piece time)', async () => {
    const out = await collect(readLogs(file(basic), { timestamps: true, tailLines: 2 }, stopped));
    assert.equal(out, '2024-05-01T10:00:02.000000000Z three\n2024-05-01T10:00:04.000000000Z four\n');
    assert.equal(formatTimestampFixed(parseRfc3339Nano('2024-05-01T10:00:00.5Z')), '2024-05-01T10:00:00.500000000Z');
  });

  it('counts whole lines for tailLines, with 0 giving nothing and more than there are giving all', async () => {
    const p = file(basic);
    assert.equal(await collect(readLogs(p, { tailLines: 1 }, stopped)), 'four\n');
    assert.equal(await collect(readLogs(p, { tailLines: 2 }, stopped)), 'three\nfour\n');
    assert.equal(await collect(readLogs(p, { tailLines: 3 }, stopped)), 'two\nthree\nfour\n');
    assert.equal(await collect(readLogs(p, { tailLines: 0 }, stopped)), '');
    assert.equal(await collect(readLogs(p, { tailLines: 99 }, stopped)), 'one\ntwo\nthree\nfour\n');
  });

  it('finds the tail of a large file by reading backwards across block boundaries', async () => {
    const entries: [number, 'stdout', 'F' | 'P', string][] = [];
    for (let i = 0; i < 20000; i++) entries.push([i % 50, 'stdout', 'F', `line ${i} ${'x'.repeat(i % 37)}`]);
    // a long line split in pieces spanning a block boundary
    for (let k = 0; k < 10; k++) entries.push([60, 'stdout', 'P', 'y'.repeat(10000)]);
    entries.push([60, 'stdout', 'F', 'end']);
    const p = file(cri(entries));
    const out = await collect(readLogs(p, { tailLines: 3 }, stopped));
    assert.equal(out, `line 19998 ${'x'.repeat(19998 % 37)}\nline 19999 ${'x'.repeat(19999 % 37)}\n${'y'.repeat(100000)}end\n`);
    const fh = await open(p, 'r');
    try {
      const size = (await fh.stat()).size;
      assert.equal(await tailStart(fh, size, 0), size);
      assert.equal(await tailStart(fh, size, 10 ** 9), 0);
    } finally {
      await fh.close();
    }
  });

  it('does not count bytes after the last newline, and a trailing run of pieces is one line', async () => {
    const p = file(Buffer.concat([cri([[0, 'stdout', 'F', 'a'], [1, 'stdout', 'F', 'b'], [2, 'stdout', 'P', 'c1'], [3, 'stdout', 'P', 'c2']]), Buffer.from('2024-05-01T10:00:0')]));
    // the unfinished line c1c2 has no newline; the half-written entry is ignored while running
    const running = { running: () => true, signal: new AbortController().signal };
    assert.equal(await collect(readLogs(p, { tailLines: 2 }, running)), 'b\nc1c2');
  });

  it('filters by sinceTime and sinceSeconds on the line timestamp', async () => {
    const p = file(basic);
    assert.equal(await collect(readLogs(p, { sinceTime: '2024-05-01T10:00:02Z' }, stopped)), 'three\nfour\n');
    const now = () => Number((sec(3) + 500_000_000n) / 1_000_000n); // 3.5 s after T0
    assert.equal(await collect(readLogs(p, { sinceSeconds: 1 }, { ...stopped, now })), 'four\n');
  });

  it('truncates at limitBytes', async () => {
    assert.equal(await collect(readLogs(file(basic), { limitBytes: 6 }, stopped)), 'one\ntw');
    assert.equal(await collect(readLogs(file(basic), { limitBytes: 8, timestamps: true }, stopped)), '2024-05-');
  });

  it('selects one stream when asked', async () => {
    assert.equal(await collect(readLogs(file(basic), { stream: 'stderr' }, stopped)), 'two\n');
  });

  it('skips malformed lines', async () => {
    const p = file(Buffer.concat([Buffer.from('garbage\n'), cri([[0, 'stdout', 'F', 'ok']])]));
    assert.equal(await collect(readLogs(p, {}, stopped)), 'ok\n');
  });

  it('reads nothing from a missing file', async () => {
    assert.equal(await collect(readLogs(join(dir, 'missing.log'), { follow: true }, stopped)), '');
  });

  it('follows appended data until the container stops and the file is drained', async () => {
    const p = file(cri([[0, 'stdout', 'F', 'first']]));
    let running = true;
    const r = readLogs(p, { follow: true }, { running: () => running, signal: new AbortController().signal, pollMs: 20 });
    const got: string[] = [];
    const done = (async () => {
      for await (const c of r) got.push((c as Buffer).toString());
    })();
    await new Promise((res) => setTimeout(res, 80));
    appendFileSync(p, cri([[1, 'stdout', 'P', 'sec']]));
    await new Promise((res) => setTimeout(res, 60));
    assert.equal(got.join(''), 'first\n', 'a piece waits for the rest of its line');
    appendFileSync(p, cri([[1, 'stdout', 'F', 'ond']]));
    await new Promise((res) => setTimeout(res, 80));
    assert.equal(got.join(''), 'first\nsecond\n');
    appendFileSync(p, cri([[2, 'stderr', 'F', 'last words']]));
    running = false;
    await done;
    assert.equal(got.join(''), 'first\nsecond\nlast words\n');
  });

  it('stops following on abort', async () => {
    const p = file(cri([[0, 'stdout', 'F', 'x']]));
    const ac = new AbortController();
    const r = readLogs(p, { follow: true }, { running: () => true, signal: ac.signal, pollMs: 10_000 });
    setTimeout(() => ac.abort(), 50);
    assert.equal(await collect(r), 'x\n');
  });

  it('waits for the file to appear when following a starting container', async () => {
    const p = join(dir, 'late.log');
    let running = true;
    const r = readLogs(p, { follow: true }, { running: () => running, signal: new AbortController().signal, pollMs: 20 });
    setTimeout(() => {
      writeFileSync(p, cri([[0, 'stdout', 'F', 'hello']]));
      setTimeout(() => (running = false), 60);
    }, 40);
    assert.equal(await collect(r), 'hello\n');
  });
});

describe('containerLogStatusError', () => {
  const pod = (cs: object[]): Pod => ({ metadata: { name: 'p' }, status: { containerStatuses: cs } }) as Pod;

  it('reports a waiting container with its reason, as the kubelet does', () => {
    const p = pod([{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }]);
    assert.equal(containerLogStatusError(p, 'app', false), 'container "app" in pod "p" is waiting to start: ContainerCreating');
    const pull = pod([{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }]);
    assert.equal(containerLogStatusError(pull, 'app', false), 'container "app" in pod "p" is waiting to start: trying and failing to pull image');
  });

  it('accepts running and terminated containers, and needs a last state for previous', () => {
    const p = pod([{ name: 'app', state: { running: {} } }]);
    assert.equal(containerLogStatusError(p, 'app', false), undefined);
    assert.equal(containerLogStatusError(p, 'app', true), 'previous terminated container "app" in pod "p" not found');
    assert.equal(containerLogStatusError(p, 'other', false), 'container "other" in pod "p" is not available');
    const t = pod([{ name: 'app', state: { terminated: { exitCode: 1 } } }]);
    assert.equal(containerLogStatusError(t, 'app', false), 'container "app" in pod "p" is terminated');
  });
});
