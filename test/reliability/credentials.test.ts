// Credentials going bad: a wrong token, a token revoked while a notebook is open, a profile whose secret was
// deleted. Each must lead to the re-enter flow (a ConnectionError offering "Re-enter credentials"), never to a stack
// trace, never echo the token, and work again once valid credentials are stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionError } from '../../src/extension/connections/connectionErrors.js';
import type { CqlSession } from '../../src/extension/cql/session.js';
import type { SandboxHandle } from '../sandbox/index.js';
import { isRealTarget, testTarget, type TestTarget } from '../support/target.js';
import { record, timed } from './support/report.js';
import { cellErrorText, extensionStack, runCell, type ExtensionStack } from './support/stack.js';
import { fakeToken } from '../support/fakeToken.js';

const AREA = 'credentials';
const PROBE = 'SELECT release_version FROM system.local';
const WRONG = fakeToken('WrongClientIdWrongClient', '0123456789abcdef'.repeat(4));
const skip = isRealTarget() && 'needs the sandbox (token revocation is a sandbox knob)';

let target: TestTarget;
let sb: SandboxHandle;
let stack: ExtensionStack;

async function connectError(profileId: string): Promise<ConnectionError> {
  try {
    await stack.service.client(profileId);
  } catch (e) {
    assert.equal((e as Error).name, 'ConnectionError', `not a mapped error: ${(e as Error).stack}`);
    return e as ConnectionError;
  }
  assert.fail('connecting was expected to fail');
}

/** The notification the command that connected would show: its text and buttons. */
async function notification(err: unknown): Promise<{ text: string; buttons: string[] }> {
  const { showConnectionError } = await import('../../src/extension/connections/errorNotification.js');
  const { LogService } = await import('../../src/extension/logging.js');
  const before = stack.fake.messages.length;
  await showConnectionError(err, new LogService());
  const shown = stack.fake.messages.slice(before);
  assert.equal(shown.length, 1);
  return shown[0]!;
}

/** Nothing the user or a later reader can see holds a secret: state, secrets aside, log lines, messages. */
function assertNoLeak(secret: string, ...visible: string[]): void {
  const everything = [JSON.stringify([...stack.state]), stack.fake.log.join('\n'), JSON.stringify(stack.fake.messages), ...visible].join('\n');
  assert.ok(!everything.includes(secret), 'a secret leaked into state, log or a message');
  const secretPart = secret.split(':').pop()!;
  assert.ok(!everything.includes(secretPart), 'the secret part of a token leaked');
}

before(async () => {
  if (skip) return;
  target = await testTarget({ seed: 'none' });
  sb = target.sandbox!;
  stack = await extensionStack({ connectTimeoutSeconds: 2, requestTimeoutSeconds: 2 });
});

after(async () => {
  await stack?.stop();
  await target?.stop();
});

describe('credentials', { skip }, () => {
  test('a wrong token: "was rejected" with Re-enter credentials; storing the right one works without restarting', async () => {
    const id = await stack.addBundleProfile(target.bundlePath!, WRONG, { name: 'Wrong token' });
    const r = await timed(() => connectError(id));
    const err = r.value!;
    assert.match(err.mapped.message, /^The token or client id\/secret for "Wrong token" was rejected by the database \(/);
    assert.deepEqual(err.mapped.actions, ['reenterCredentials', 'showLog']);
    assert.ok(!/\n\s+at /.test(err.message), 'no stack trace in the message');
    assert.equal(stack.service.state(id), 'error');
    assertNoLeak(WRONG, err.message);
    assert.deepEqual((await notification(err)).buttons, ['Re-enter credentials', 'Show Log']);
    // The cell shows the same sentence.
    const cell = cellErrorText(await runCell(stack.session(id), PROBE));
    assert.match(cell, /was rejected by the database/);
    await stack.service.setCredentials(id, { username: 'token', password: target.token! });
    assert.equal(cellErrorText(await runCell(stack.session(id), PROBE)), '');
    assertNoLeak(target.token!, cell);
    record({ area: AREA, case: 'wrong token', observed: `${err.mapped.message} [buttons: ${err.mapped.actions.join(', ')}]; after re-entering, the next run connects`, ms: r.ms });
  });

  test('a profile whose secret was deleted: "No credentials are stored" with Re-enter credentials, no driver call', async () => {
    const id = await stack.addBundleProfile(target.bundlePath!, target.token, { name: 'Lost secret' });
    const keys = [...stack.secrets.keys()].filter((k) => k.endsWith(id));
    assert.equal(keys.length, 1);
    stack.secrets.delete(keys[0]!);
    const r = await timed(() => connectError(id));
    assert.equal(r.value!.mapped.message, 'No credentials are stored for "Lost secret".');
    assert.deepEqual(r.value!.mapped.actions, ['reenterCredentials']);
    assert.ok(r.ms < 500, `took ${r.ms} ms`);
    assert.deepEqual(await notification(r.value), { level: 'error', text: 'No credentials are stored for "Lost secret".', buttons: ['Re-enter credentials', 'Show Log'] });
    // A damaged entry (not JSON) is treated the same way instead of throwing a parse error.
    stack.secrets.set(keys[0]!, '{not json');
    assert.equal((await connectError(id)).mapped.message, 'No credentials are stored for "Lost secret".');
    await stack.service.setCredentials(id, { username: 'token', password: target.token! });
    assert.equal(cellErrorText(await runCell(stack.session(id), PROBE)), '');
    record({ area: AREA, case: 'secret deleted from SecretStorage', observed: `${r.value!.mapped.message} [buttons: ${r.value!.mapped.actions.join(', ')}]; a corrupt entry behaves the same; re-entering fixes it`, ms: r.ms });
  });

  describe('a token revoked mid-session', () => {
    let id: string;
    let s: CqlSession;
    let cell = '';
    let failedAfterMs = 0;

    before(async () => {
      id = await stack.addBundleProfile(target.bundlePath!, target.token, { name: 'Revoked' });
      s = stack.session(id);
      assert.equal(cellErrorText(await runCell(s, PROBE)), '');
      sb.faults.revokedSecrets.add(target.token!);
      // Astra closes the connections of a revoked token; the driver then has to authenticate again.
      for (const n of sb.nodes) sb.faults.markDown(n.hostId);
      for (const n of sb.nodes) sb.faults.markUp(n.hostId);
      const t0 = Date.now();
      while (Date.now() < t0 + 8000) {
        const out = await runCell(s, PROBE);
        cell = cellErrorText(out);
        if (/NoHostAvailable|rejected|Authentication/i.test(cell)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      failedAfterMs = Date.now() - t0;
    });

    test('the next run fails without hanging and without leaking the token', () => {
      assert.notEqual(cell, '', 'a revoked token must stop statements from running');
      assert.ok(!/\n\s+at /.test(cell), 'no stack trace in the cell');
      assertNoLeak(target.token!, cell);
      assert.ok(failedAfterMs < 5000, `statements kept running ${failedAfterMs} ms after the revocation`);
      record({ area: AREA, case: 'token revoked mid-session', observed: `connections re-authenticate and fail; cell error "${cell.split('\n')[0]}" (with the Edit Credentials hint)`, ms: failedAfterMs });
    });

    test('the cell says the token was rejected and leads to re-entering it', () => {
      assert.match(cell, /token .* was rejected/);
      assert.match(cell, /"Astra: Edit Credentials…"/);
    });

    test('after a valid token is stored the same notebook session runs again', async () => {
      sb.faults.revokedSecrets.clear();
      await stack.service.setCredentials(id, { username: 'token', password: target.token! });
      const r = await timed(() => runCell(s, PROBE));
      assert.equal(cellErrorText(r.value!), '');
      record({ area: AREA, case: 'token revoked → new token stored', observed: 'setCredentials drops the client; the same notebook session reconnects on its next run', ms: r.ms });
    });
  });
});
