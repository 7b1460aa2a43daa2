import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { IdpDirectory } from './users';

const dir = mkdtempSync(path.join(tmpdir(), 'idp-directory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo provider's directory", () => {
  it('keeps the people of a directory made before unverified addresses, verified, under their subjects', () => {
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(`create table idp_user (subject text primary key, email text not null unique, name text not null,
      password_hash text not null)`);
    old
      .prepare('insert into idp_user values (?, ?, ?, ?)')
      .run('subject-1', 'linus@globex.test', 'Linus', 'x');
    old.close();
    const directory = new IdpDirectory(file);
    assert.deepEqual(directory.bySubject('subject-1'), {
      subject: 'subject-1',
      email: 'linus@globex.test',
      name: 'Linus',
      emailVerified: true,
      upn: null,
    });
    directory.close();
  });

  it('signs a person in by their UPN as by their email, and gives an earlier person a UPN of their own', async () => {
    const directory = new IdpDirectory(path.join(dir, 'upn.sqlite'));
    const before = await directory.add({
      email: 'linus@globex.test',
      name: 'Linus',
      password: 'Linus-pass-1',
    });
    assert.equal(before.upn, null);
    const linus = await directory.add({
      email: 'linus@globex.test',
      name: 'Linus',
      password: 'Linus-pass-1',
      upn: 'Linus@globex.onmicrosoft.test',
    });
    assert.deepEqual(linus, { ...before, upn: 'linus@globex.onmicrosoft.test' });
    assert.deepEqual(await directory.authenticate('LINUS@globex.onmicrosoft.test', 'Linus-pass-1'), linus);
    assert.deepEqual(await directory.authenticate('linus@globex.test', 'Linus-pass-1'), linus);
    assert.equal(await directory.authenticate('linus@globex.onmicrosoft.test', 'Wrong-pass-1'), undefined);
    directory.close();
  });

  it('signs in whoever the password proves: the verified person or one who only typed the same address', async () => {
    const directory = new IdpDirectory(path.join(dir, 'two.sqlite'));
    const owner = await directory.add({ email: 'Ada@acme.test', name: 'Ada', password: 'Owner-pass-1' });
    const typed = await directory.add({
      email: 'ada@acme.test',
      name: 'Someone',
      password: 'Typed-pass-1',
      emailVerified: false,
    });
    assert.notEqual(owner.subject, typed.subject);
    assert.deepEqual(await directory.authenticate('ada@acme.test', 'Owner-pass-1'), owner);
    assert.deepEqual(await directory.authenticate('ada@acme.test', 'Typed-pass-1'), typed);
    assert.equal(await directory.authenticate('ada@acme.test', 'Wrong-pass-1'), undefined);
    assert.equal(await directory.authenticate('nobody@acme.test', 'Owner-pass-1'), undefined);
    directory.close();
  });
});
