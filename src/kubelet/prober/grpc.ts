/**
 * gRPC probes (upstream `pkg/probe/grpc`): one `grpc.health.v1.Health/Check` call over plaintext
 * HTTP/2 (node:http2, with the two tiny protobuf messages encoded by hand). SERVING is success;
 * every other outcome is a failure with upstream's wording. Like grpc-go's blocking dial, a
 * refused connection is retried until the timeout runs out.
 */
import http2 from 'node:http2';
import { STATUS_CODES } from 'node:http';
import type { Probe } from '../../api/types.js';
import { PROBE_USER_AGENT, outcome, type ProbeOutcome, type ProbeRunner, type ProbeTarget } from './types.js';
import { goDuration, goQuote, joinHostPort } from './util.js';

type GRPCAction = NonNullable<Probe['grpc']>;

const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** gRPC status code names, as grpc-go's `codes.Code.String()`. */
const CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists',
  'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange',
  'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated',
];
const UNIMPLEMENTED = 12;
const DEADLINE_EXCEEDED = 4;

/** `HealthCheckResponse.ServingStatus` names. */
const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/** Runs a `grpc` probe against the pod IP; the request frame is encoded once. */
export class GrpcRunner implements ProbeRunner {
  readonly needsPodIP = true;
  private readonly frame: Buffer;

  constructor(private readonly action: GRPCAction) {
    this.frame = encodeHealthCheckRequest(action.service ?? '');
  }

  run(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
    return grpcProbe(target.podIP ?? '', this.action.port, this.frame, timeoutMs);
  }
}

/** A length-prefixed gRPC message holding `HealthCheckRequest{service}`. */
export function encodeHealthCheckRequest(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  const msg = name.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
  const frame = Buffer.alloc(5 + msg.length);
  frame.writeUInt32BE(msg.length, 1);
  msg.copy(frame, 5);
  return frame;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** Reads `HealthCheckResponse.status` (field 1, varint) from a protobuf message; 0 if absent. */
export function decodeServingStatus(msg: Buffer): number {
  let i = 0;
  let status = 0;
  const readVarint = (): number => {
    let v = 0;
    let shift = 0;
    while (i < msg.length) {
      const b = msg[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    return v;
  };
  while (i < msg.length) {
    const tag = readVarint();
    const wire = tag & 7;
    if (wire === 0) {
      const v = readVarint();
      if (tag >>> 3 === 1) status = v;
    } else if (wire === 2) i += readVarint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else break;
  }
  return status;
}

/** Performs one health check call (upstream `grpcProber.Probe`). */
export function grpcProbe(host: string, port: number, frame: Buffer, timeoutMs: number): Promise<ProbeOutcome> {
  const addr = joinHostPort(host, port);
  const timeout = goDuration(timeoutMs);
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let done = false;
    let connected = false;
    let session: http2.ClientHttp2Session | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let attempt = 0;

    const finish = (o: ProbeOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(retryTimer);
      session?.destroy();
      resolve(o);
    };
    const deadline = setTimeout(() => {
      finish(
        connected
          ? outcome.failure(`timeout: health rpc did not complete within ${timeout}`)
          : outcome.failure(`timeout: failed to connect service ${goQuote(addr)} within ${timeout}: context deadline exceeded`),
      );
    }, timeoutMs);
    const rpcFailed = (code: number, desc: string): void => {
      if (code === UNIMPLEMENTED) {
        finish(outcome.failure(`error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${desc}`));
      } else if (code === DEADLINE_EXCEEDED) {
        finish(outcome.failure(`timeout: health rpc did not complete within ${timeout}`));
      } else {
        const name = CODE_NAMES[code] ?? `Code(${code})`;
        finish(outcome.failure(`error: health rpc probe failed: rpc error: code = ${name} desc = ${desc}`));
      }
    };

    const connect = (): void => {
      if (done) return;
      const s = http2.connect(`http://${addr}`);
      session = s;
      let lostOnce = false;
      const lost = (): void => {
        if (lostOnce || done) return;
        lostOnce = true;
        s.destroy();
        if (!connected) {
          // grpc-go keeps redialing with backoff (1s, ×1.6) until the deadline.
          retryTimer = setTimeout(connect, Math.min(1000 * 1.6 ** attempt++, 120_000));
        } else {
          rpcFailed(14, 'error reading from server: EOF');
        }
      };
      s.on('error', lost);
      s.on('close', lost);
      s.once('remoteSettings', () => {
        connected = true;
        call(s);
      });
    };

    const call = (s: http2.ClientHttp2Session): void => {
      const remaining = Math.max(1, timeoutMs - (Date.now() - startedAt));
      const req = s.request({
        ':method': 'POST',
        ':path': HEALTH_CHECK_PATH,
        'content-type': 'application/grpc',
        te: 'trailers',
        'user-agent': PROBE_USER_AGENT,
        'grpc-timeout': `${remaining}m`,
      });
      let httpStatus = 0;
      let grpcStatus: string | undefined;
      let grpcMessage = '';
      const chunks: Buffer[] = [];
      const takeStatus = (h: http2.IncomingHttpHeaders): void => {
        const st = h['grpc-status'];
        if (st !== undefined) {
          grpcStatus = String(st);
          grpcMessage = decodeGrpcMessage(String(h['grpc-message'] ?? ''));
        }
      };
      req.on('response', (h) => {
        httpStatus = Number(h[':status'] ?? 0);
        takeStatus(h);
      });
      req.on('trailers', takeStatus);
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', () => rpcFailed(14, 'error reading from server: EOF'));
      req.on('close', () => rpcFailed(14, 'error reading from server: EOF')); // no-op once finished
      req.on('end', () => {
        if (grpcStatus === undefined) {
          if (httpStatus !== 200) {
            rpcFailed(httpStatusToCode(httpStatus), `unexpected HTTP status code received from server: ${httpStatus} (${STATUS_CODES[httpStatus] ?? ''})`);
          } else {
            rpcFailed(13, 'server closed the stream without sending trailers');
          }
          return;
        }
        const code = Number(grpcStatus);
        if (code !== 0) return rpcFailed(code, grpcMessage);
        const body = Buffer.concat(chunks);
        if (body.length < 5) return rpcFailed(13, 'cardinality violation: expected <EOF> for non server-streaming RPCs, but received nothing');
        const status = decodeServingStatus(body.subarray(5, 5 + body.readUInt32BE(1)));
        if (status === 1) finish(outcome.success('service healthy'));
        else finish(outcome.failure(`service unhealthy (responded with ${goQuote(SERVING_STATUS[status] ?? String(status))})`));
      });
      req.end(frame);
    };

    connect();
  });
}

function decodeGrpcMessage(m: string): string {
  try {
    return decodeURIComponent(m);
  } catch {
    return m;
  }
}

/** grpc-go's mapping of a non-200 HTTP status to a gRPC code. */
function httpStatusToCode(status: number): number {
  switch (status) {
    case 400:
      return 13;
    case 401:
      return 16;
    case 403:
      return 7;
    case 404:
      return 12;
    case 429:
    case 502:
    case 503:
    case 504:
      return 14;
    default:
      return 2;
  }
}
