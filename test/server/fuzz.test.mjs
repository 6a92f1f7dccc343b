// No input ends the receiver: malformed request lines, headers and bodies sent over raw TCP at a real
// `integrus-consent serve` process (loopback only), then a valid record that must be stored (204).
// Bounded: a fixed list plus 300 seeded mutations, each on its own socket, 16 at a time; every socket
// is half-closed after its bytes, so the server answers or closes it (no waiting on time).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DATABASES, post, record, serve } from './helpers.mjs';

const VALID = JSON.stringify(record());
const req = (line, headers, body = '') => `${line}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;
const json = (body, extra = []) => req('POST /consent-log HTTP/1.1', ['Host: x', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, ...extra], body);

/** The inputs tried; docs/security.md lists them. */
export const CASES = [
  'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST //[ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
  'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET //%zz%00/../\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
  'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
  'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n',
  'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
  'GET /\r\n\r\n',
  '\u0000\u0001\u0002\u00ff garbage\r\n\r\n',
  'POST /consent-log HTTP/9.9\r\nHost: x\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"id"', // body cut off
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n',
  'POST /consent-log HTTP/1.1\r\nHost: x\r\n: empty\r\n\r\n',
  `POST /consent-log HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(100_000)}\r\n\r\n`,
  `POST /consent-log HTTP/1.1\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y\r\n`).join('')}\r\n`,
  json('{"id":', []),
  json('[]'),
  json('null'),
  json('"\\ud800"'),
  json('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
  json(`${'['.repeat(8000)}${']'.repeat(8000)}`),
  json(VALID.replace(/"lang":"ru"/, '"lang":"\\ud800"')),
  json(VALID.replace(/"id":"[^"]+"/, '"id":"urn:uuid:00000000-0000-0000-0000-000000000000"')),
  json(VALID, ['Content-Type: application/json; charset=utf-16']),
  json(VALID, ['X-Forwarded-For: 2001:db8::1%eth0, [::1]:80, not-an-ip, 999.1.1.1']),
  json(VALID, ['Origin: null', 'Origin: http://a']),
  Buffer.concat([Buffer.from(json('xxxx').slice(0, -4)), Buffer.from([0xff, 0xfe, 0xc0, 0x80])]),
  `${json(VALID)}${json(VALID)}GET //[ HTTP/1.1\r\n\r\n`, // pipelined, the last one bad
];

/** A seeded generator (mulberry32): the same mutations on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid request with a few bytes changed, inserted or cut. */
function mutations(count, seed = 18) {
  const next = random(seed);
  const base = Buffer.from(json(VALID));
  const tokens = ['\r\n', '\u0000', '%', '[', ':', '\\ud800', '"', '{', '9'.repeat(30), ' HTTP/1.1', '\r\n\r\n'];
  return Array.from({ length: count }, () => {
    let bytes = Buffer.from(base);
    for (let n = 1 + Math.floor(next() * 4); n > 0; n -= 1) {
      const at = Math.floor(next() * bytes.length);
      const pick = next();
      if (pick < 0.4) bytes[at] = Math.floor(next() * 256);
      else if (pick < 0.8) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(tokens[Math.floor(next() * tokens.length)]), bytes.subarray(at)]);
      else bytes = bytes.subarray(0, at);
    }
    return bytes;
  });
}

/** Sends the bytes, half-closes, resolves when the server closed the socket (whatever it answered). */
function send(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(20_000, () => socket.destroy()); // a bound for a server that hangs, not a wait
    socket.on('error', () => {}); // a reset is an answer too
    socket.on('data', () => {});
    socket.on('close', resolve);
    socket.on('connect', () => socket.end(bytes));
  });
}

describe('the receiver survives malformed input', () => {
  let target;
  let receiver;
  before(async () => {
    target = await DATABASES[0].create();
    receiver = await serve(target.url, ['--rate-limit', '0', '--ip', 'full', '--trust-proxy', '1']);
  });
  after(async () => {
    receiver?.child.kill('SIGTERM');
    await receiver?.exited;
    await target?.cleanup();
  });

  it('answers or closes every malformed request, stays up, and then stores a valid record', { timeout: 120_000 }, async () => {
    const port = Number(new URL(receiver.url).port);
    const inputs = [...CASES, ...mutations(300)];
    for (let i = 0; i < inputs.length; i += 16) {
      await Promise.all(inputs.slice(i, i + 16).map((bytes) => send(port, bytes)));
      assert.equal(receiver.child.exitCode, null, `serve exited after input ${i}…${i + 15}: ${receiver.output()}`);
    }
    assert.equal((await post(receiver.url, record())).status, 204);
    assert.equal(receiver.child.exitCode, null, receiver.output());
    assert.doesNotMatch(receiver.output(), /TypeError|Uncaught|RangeError/);
  });
});
