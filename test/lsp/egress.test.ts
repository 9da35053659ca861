// No network, proven rather than believed: the built language server (encoder on) and the CLI (`code`, whose
// default runs the encoder) run under strace, and every socket call and resolver file they touch is checked.
// onnxruntime-node's own telemetry would open ~/.cache/Microsoft/DeveloperTools/.onnxruntime/onnxruntime.db and,
// about 10 s after start, resolve mobile.events.data.microsoft.com: the server is kept up for 15 s to cover that.
// Needs strace (the lsp layer installs it through apt); without it this fails under CI=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, sampleText, startServer } from './lspClient';

const strace = spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const why = strace ? false : ci ? false : 'strace is not installed (apt-get install strace)';
const TRACE = ['-f', '-qq', '-s', '200', '-e', 'trace=connect,sendto,sendmsg,openat,open'];

/** Lines of a trace that reach off the machine or ask a resolver. Loopback and Unix sockets other than resolvers are fine. */
export function egress(trace: string): string[] {
  return trace.split('\n').filter((l) => {
    if (/open(at)?\(/.test(l)) return /"\/etc\/(resolv\.conf|gai\.conf|nsswitch\.conf)"|\.onnxruntime\/|DeveloperTools/.test(l) && !/= -1 ENOENT/.test(l) || /DeveloperTools/.test(l);
    if (!/(connect|sendto|sendmsg)\(/.test(l)) return false;
    if (/htons\(53\)/.test(l)) return true;
    if (/sa_family=AF_UNIX/.test(l)) return /resolve|nscd|dbus/.test(l);
    const v4 = /sin_addr=inet_addr\("([\d.]+)"\)/.exec(l)?.[1];
    if (v4) return !v4.startsWith('127.');
    const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(l)?.[1];
    if (v6) return !(v6 === '::1' || v6.startsWith('::ffff:127.'));
    return /sa_family=AF_INET6?|AF_NETLINK/.test(l);
  });
}

test('the trace filter recognises off-machine sockets, DNS and the runtime\'s telemetry files', () => {
  const lines = [
    'connect(21, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.1.2.3")}, 16) = 0',
    'connect(22, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("13.69.1.1")}, 16) = -1 EINPROGRESS',
    'connect(23, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2603:1030::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    'openat(AT_FDCWD, "/etc/resolv.conf", O_RDONLY|O_CLOEXEC) = 25',
    'openat(AT_FDCWD, "/tmp/h/.cache/Microsoft/DeveloperTools/.onnxruntime/onnxruntime.db", O_RDWR|O_CREAT, 0644) = 26',
    'connect(24, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    'connect(25, {sa_family=AF_UNIX, sun_path="/tmp/vscode-ipc.sock"}, 110) = 0',
    'openat(AT_FDCWD, "models/encoder/onnx/model.onnx", O_RDONLY|O_CLOEXEC) = 27',
  ];
  assert.equal(egress(lines.join('\n')).length, 5);
});

function traced(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

test('the language server with the encoder on: no socket leaves the machine, no DNS lookup, no telemetry file (15 s)', { skip: why, timeout: 120_000 }, async () => {
  assert.ok(strace, 'strace is required under CI=true (the lsp layer installs it with apt-get)');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-egress-home-'));
  const out = path.join(home, 'server.strace');
  const s = await startServer({ encoder: { enabled: true } }, { env: { HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') }, wrap: { command: 'strace', args: [...TRACE, '-o', out] } });
  try {
    const uri = pathToFileURL(path.join(ROOT, 'samples', 'discharge-summary.note')).href;
    const ds = await s.open(uri, sampleText('discharge-summary.note'));
    assert.ok(ds.length > 0, 'the server coded the note');
    await new Promise((r) => setTimeout(r, 15_000));
  } finally {
    await s.stop();
  }
  const trace = traced(out);
  const calls = trace.split('\n').filter((l) => /(connect|sendto|sendmsg)\(/.test(l)).length;
  const bad = egress(trace);
  console.log(`server: ${trace.split('\n').length} traced calls, ${calls} socket calls, ${bad.length} off-machine or resolver`);
  assert.ok(/onnxruntime|model\.onnx/.test(trace), 'the encoder (onnxruntime) was loaded in the traced run');
  assert.deepEqual(bad, []);
  assert.ok(!fs.existsSync(path.join(home, '.cache', 'Microsoft')), 'no telemetry database');
  fs.rmSync(home, { recursive: true, force: true });
});

test('the CLI coding a note with the encoder on: no socket leaves the machine, no DNS lookup, no telemetry file', { skip: why, timeout: 120_000 }, () => {
  assert.ok(strace, 'strace is required under CI=true (the lsp layer installs it with apt-get)');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-egress-home-'));
  const out = path.join(home, 'cli.strace');
  const r = spawnSync('strace', [...TRACE, '-o', out, process.execPath, path.join(ROOT, 'dist', 'cli.js'), 'code', '--encoder', path.join(ROOT, 'samples', 'outpatient-visit.note')],
    { encoding: 'utf8', env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') }, timeout: 110_000 });
  assert.equal(r.status, 0, r.stderr);
  const trace = traced(out);
  const bad = egress(trace);
  console.log(`cli: ${trace.split('\n').length} traced calls, ${bad.length} off-machine or resolver`);
  assert.ok(/model\.onnx/.test(trace), 'the encoder ran in the traced CLI');
  assert.deepEqual(bad, []);
  assert.ok(!fs.existsSync(path.join(home, '.cache', 'Microsoft')), 'no telemetry database');
  fs.rmSync(home, { recursive: true, force: true });
});
