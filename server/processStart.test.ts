import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

// What instrumentation.ts runs as a server process starts, in a process of its own, as the server runs it.
const serverStart =
  "const { prepareOrExit } = await import('./server/processStart.ts'); await prepareOrExit();";

test('the server stops as it starts, with one line naming a setting it cannot use (read as its modules load)', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-process-start-'));
  try {
    const started = promisify(execFile)(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', serverStart],
      { env: { ...process.env, BASE_URL: 'ftp://relay.example', DATA_DIR: dataDir } },
    );
    const failure = (await started.then(
      () => assert.fail('the server went on starting'),
      (error: unknown) => error,
    )) as { code: number; stderr: string };
    assert.equal(failure.code, 1);
    assert.equal(
      failure.stderr.trim(),
      'BASE_URL must be an absolute http(s) URL, got "ftp://relay.example"',
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
