import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { COMPILE_HINT, markForEagerCompile } from './eagerCompile';

test('each script chunk starts with the compile hint once, whatever else the folder holds', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'relay-chunks-'));
  try {
    writeFileSync(path.join(folder, 'app.js'), 'self.x=1;');
    writeFileSync(path.join(folder, 'app.css'), 'body{}');
    // A webpack build keeps chunks in folders of their own.
    mkdirSync(path.join(folder, 'pages'));
    writeFileSync(path.join(folder, 'pages', 'page.js'), 'self.y=2;');
    assert.equal(markForEagerCompile(folder), 2);
    // A second build step (or a second run) marks nothing again.
    assert.equal(markForEagerCompile(folder), 0);
    assert.equal(readFileSync(path.join(folder, 'app.js'), 'utf8'), `${COMPILE_HINT}\nself.x=1;`);
    assert.equal(readFileSync(path.join(folder, 'pages', 'page.js'), 'utf8'), `${COMPILE_HINT}\nself.y=2;`);
    assert.equal(readFileSync(path.join(folder, 'app.css'), 'utf8'), 'body{}');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
