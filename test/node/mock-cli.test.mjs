// `xoi-share-button mock` (the BUILT dist/npm/mock/cli.js): bad arguments and bad seed files are
// one line on stderr and exit code 2, before anything listens; a good seed file is served, change
// notifications reach --notify-url, SIGINT stops it cleanly. The installed bin is exercised in
// test/node/package.test.mjs.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/npm/mock/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xoi-mock-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name, contents) {
  const path = join(dir, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

function run(...args) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
}

/** Starts the server; resolves once it printed what it listens on (one write). */
async function start(...args) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (err += chunk));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${err}`)));
  });
  return { child, output: () => out };
}

test('bad arguments: one line on stderr naming the problem, exit code 2', () => {
  const cases = [
    [[], /the one command is "mock".*got none/],
    [['serve'], /the one command is "mock".*got "serve"/],
    [['mock', '--port', '70000'], /--port must be 0–65535, got "70000"/],
    [['mock', '--port', 'abc'], /--port must be 0–65535, got "abc"/],
    [['mock', '--user-ids', 'guid'], /--user-ids must be email or uuid, got "guid"/],
    [['mock', '--notify-url', 'ftp://x'], /--notify-url must be an http: or https: URL, got "ftp:\/\/x"/],
    [['mock', '--bogus'], /Unknown option '--bogus'/],
    [['mock', '--port'], /--port/],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
    assert.match(lines[0], /^xoi-share-button: /);
    assert.match(lines[0], message);
  }
});

test('bad seed files: unreadable, not JSON, or an entry at fault named; exit code 2', () => {
  const cases = [
    [join(dir, 'missing.json'), /--seed .*missing\.json: cannot read it \(ENOENT/],
    [file('not-json.json', '{"jobs": ['), /--seed .*not-json\.json: not JSON \(/],
    [file('list.json', '[]'), /must be a JSON object/],
    [file('extra.json', { jobs: [], tickets: [] }), /tickets is not a field \(users, jobs\)/],
    [file('jobs-not-list.json', { jobs: {} }), /jobs must be a list/],
    [
      file('bad-job.json', { jobs: [{ technicianEmail: 'a@b.co' }, { technicianEmail: 'nope' }] }),
      /jobs\[1\]\.technicianEmail must be an email address, got "nope"/,
    ],
    [file('bad-user.json', { users: [{ email: 'a@b.co', phone: '1' }] }), /users\[0\]\.phone is not a field/],
    [
      file('twice.json', { users: [{ email: 'a@b.co' }, { email: 'A@B.co' }] }),
      /A user with email a@b\.co already exists/,
    ],
  ];
  for (const [path, message] of cases) {
    const r = run('mock', '--port', '0', '--seed', path);
    assert.equal(r.status, 2, `${path}: ${r.stderr}`);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message);
  }
});

test('--help prints the usage and exits 0', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: xoi-share-button mock \[options\]/);
  assert.match(r.stdout, /--seed FILE/);
});

test('a seed file is served; notifications go to --notify-url; SIGINT stops it with exit code 0', async () => {
  const received = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const seed = file('seed.json', {
    users: [{ email: 'jane.doe@acme.example', phone_number: '+1 555 0100' }],
    jobs: [
      { technicianEmail: 'jane.doe@acme.example', label: '12345 - ABC Corp', completed: '2025-03-18T12:00:00Z' },
      { technicianEmail: 'sam@acme.example', label: 'Open job' },
    ],
  });
  const notifyUrl = `http://127.0.0.1:${receiver.address().port}/hook?key=k`;
  const { child, output } = await start('mock', '--port', '0', '--seed', seed, '--notify-url', notifyUrl);
  try {
    const origin = /running at (http:\/\/127\.0\.0\.1:\d+) /.exec(output())?.[1];
    assert.ok(origin, output());
    assert.doesNotMatch(origin, /:0$/);
    assert.match(output(), /seeded +2 users, 2 jobs/);
    assert.ok(output().includes(`users        ${origin}/xoi-cloud/users/graphql`), output());

    const jobs = await (await fetch(`${origin}/__xoi-cloud/jobs`)).json();
    assert.deepEqual(
      jobs.map((j) => [j.label, j.assigneeIds[0], j.completedAt]),
      [
        ['12345 - ABC Corp', 'jane.doe@acme.example', '2025-03-18T12:00:00Z'],
        ['Open job', 'sam@acme.example', null],
      ],
    );
    const complete = await fetch(`${origin}/__xoi-cloud/jobs/${jobs[1].id}/complete`, { method: 'POST' });
    assert.equal(complete.status, 200);
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      received.map((n) => [n.event, n.jobId, n.workflowJobId]),
      [['job_update', jobs[1].id, '']],
    );
  } finally {
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    receiver.close();
    assert.equal(code, 0);
  }
  assert.match(output(), /Mock XOi Cloud stopped \(SIGINT\)\n$/);
});
