import * as assert from 'node:assert/strict';
import { organizationFailure } from '../../../src/cli/jumpcloud-env';
import { JumpCloudApiError, JumpCloudNetworkError, JumpCloudResponseError } from '../../../src/core/jumpcloud';
import { checkApiUrl, orgReadFailureKind } from '../../../src/core/org';

const request = { method: 'GET' as const, url: 'https://console.jumpcloud.com/api/organizations' };

describe('reading the organization: set-up', () => {
  it('accepts https anywhere, and http only on loopback for the editor (anywhere for the CLI)', () => {
    assert.deepEqual(checkApiUrl('https://console.example.com/'), { ok: true, url: 'https://console.example.com' });
    for (const local of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:3000', 'http://127.1.2.3']) assert.ok(checkApiUrl(local).ok, local);
    const remote = checkApiUrl('http://jc.example.com');
    assert.ok(!remote.ok && /must start with https:\/\//.test(remote.reason));
  });

  it('refuses other schemes, credentials, queries and malformed text, never repeating what was given', () => {
    for (const [text, reason] of [
      ['ftp://127.0.0.1', /not ftp:/],
      ['file:///etc/passwd', /not file:/],
      ['https://admin:hunter22@console.example.com', /user name or password/],
      ['https://token-hunter22@console.example.com', /user name or password/],
      ['https://console.example.com/?key=hunter22', /query or fragment/],
      ['hunter22 not a url', /not a valid URL/],
    ] as const) {
      const check = checkApiUrl(text);
      assert.ok(!check.ok, text);
      assert.match(check.reason, reason);
      assert.ok(!check.reason.includes('hunter22'), check.reason);
    }
  });

  it('tells set-up failures (a person must act) from transient ones (try later)', () => {
    assert.equal(orgReadFailureKind(new JumpCloudApiError(request, 401, 'Unauthorized')), 'set-up');
    assert.equal(orgReadFailureKind(new JumpCloudApiError(request, 403, 'Forbidden')), 'set-up');
    assert.equal(orgReadFailureKind(new JumpCloudResponseError(request, 200, 'not JSON')), 'set-up');
    assert.equal(orgReadFailureKind(new JumpCloudApiError(request, 503, 'Unavailable')), 'transient');
    assert.equal(orgReadFailureKind(new JumpCloudApiError(request, 429, 'Too many')), 'transient');
    assert.equal(orgReadFailureKind(new JumpCloudNetworkError(request, 'ECONNREFUSED', 'refused')), 'transient');
    assert.equal(orgReadFailureKind(new DOMException('aborted', 'AbortError')), 'cancelled');
  });

  it('the CLI says which it was, and what to do', () => {
    const transient = organizationFailure(new JumpCloudNetworkError(request, 'ECONNRESET', 'socket hang up'), ', or pass --offline');
    assert.match(transient, /^could not reach JumpCloud \(.*socket hang up\); check the network, JC_REGION and JC_API_URL, or try again later, or pass --offline$/);
    const busy = organizationFailure(new JumpCloudApiError(request, 503, 'Service Unavailable'), '');
    assert.match(busy, /did not answer successfully after retrying \(.*503.*\); try again later$/);
    const setUp = organizationFailure(new JumpCloudApiError(request, 401, 'Unauthorized'), '');
    assert.match(setUp, /^could not read the organization \(.*401.*\); check JC_API_KEY \(and JC_ORG_ID for a key that reaches several organizations\)$/);
    const forbidden = organizationFailure(new JumpCloudApiError(request, 403, 'Forbidden'), '');
    assert.match(forbidden, /check that JC_API_KEY is an administrator key of the organization JC_ORG_ID names$/);
    const other = organizationFailure(new JumpCloudApiError(request, 400, 'Bad Request'), '');
    assert.match(other, /check JC_API_KEY, JC_ORG_ID, JC_REGION and JC_API_URL$/);
  });
});
