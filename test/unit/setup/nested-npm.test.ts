// The nested installs of test/vscode/setup.sh (code-server under Node 24) run under `npm start` / `npm test`, whose
// npm exports its own environment. A scratch package with a postinstall stands in for code-server: it records the
// user agent its installing npm reports (code-server's postinstall reads the Node version from it) and the npm_*
// variables it sees. Local tarball, scratch prefix: no registry, seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bashOk = spawnSync('bash', ['-c', 'true']).status === 0;

test('a nested global install sees its own npm and Node, not the outer npm\'s environment, and runs install scripts', { skip: !bashOk && 'bash not available' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-nested-npm-'));
  try {
    const pkg = path.join(dir, 'probe');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({
      name: 'cc-nested-probe', version: '1.0.0', bin: { 'cc-nested-probe': 'bin.js' },
      scripts: { postinstall: 'node -e "const e=process.env;require(\'fs\').writeFileSync(e.PROBE_OUT, JSON.stringify({ua:e.npm_config_user_agent, vars:Object.keys(e).filter(k=>/^npm_(lifecycle_script|package_name|config_prefix|config_cache)$/.test(k)).map(k=>k+\'=\'+e[k])}))"' },
    }));
    fs.writeFileSync(path.join(pkg, 'bin.js'), '#!/usr/bin/env node\n');
    const tarball = path.join(dir, execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8' }).trim().split('\n').pop()!);
    const prefix = path.join(dir, 'prefix');
    const out = path.join(dir, 'probe.json');
    const r = spawnSync('bash', ['-c', `. "${ROOT}/test/vscode/nested-npm.sh"; nested_npm_global_install "$1" "$2" "$3" "$4"`, '_', prefix, path.dirname(process.execPath), path.join(dir, 'install.log'), tarball], {
      encoding: 'utf8',
      env: {
        ...process.env, PROBE_OUT: out,
        // What an outer `npm start` under another Node exports to its scripts.
        npm_config_user_agent: 'npm/10.0.0 node/v18.0.0 linux x64 workspaces/false',
        npm_lifecycle_event: 'start', npm_lifecycle_script: 'node scripts/start.mjs', npm_package_name: 'clinical-coder',
        npm_config_prefix: path.join(dir, 'outer-prefix'), npm_config_cache: path.join(dir, 'outer-cache'), npm_config_global: 'false',
      },
    });
    const log = fs.existsSync(path.join(dir, 'install.log')) ? fs.readFileSync(path.join(dir, 'install.log'), 'utf8') : '';
    assert.equal(r.status, 0, `install failed: ${r.stderr}\n${log}`);
    assert.ok(fs.existsSync(out), `the package's postinstall did not run (blocked install scripts?):\n${log}`);
    const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as { ua: string; vars: string[] };
    assert.match(seen.ua, new RegExp(`node/${process.version.replace(/\./g, '\\.')}\\b`), `user agent: ${seen.ua}`);
    assert.ok(!seen.vars.some((v) => v.includes('clinical-coder') || v.includes('outer-') || v.includes('scripts/start.mjs')), seen.vars.join(' '));
    assert.ok(fs.existsSync(path.join(prefix, 'bin', 'cc-nested-probe')), 'installed into the scratch prefix');
    assert.ok(!fs.existsSync(path.join(dir, 'outer-prefix')), 'nothing went to the outer npm\'s prefix');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
