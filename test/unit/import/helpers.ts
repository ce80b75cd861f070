import * as assert from 'node:assert/strict';
import type { Emulator, LoggedRequest } from '../../../src/emulator';
import { loadContractChecker, type ContractChecker } from '../../contract/checker';
import { unexcused } from '../../contract/exceptions';

/** Loads the contract checker once per suite (compiling the spec validators takes a moment). */
export function contractChecker(): () => ContractChecker {
  let checker: ContractChecker | undefined;
  before(function () {
    this.timeout(60_000);
    checker = loadContractChecker();
  });
  return () => checker as ContractChecker;
}

/** Every request in the emulator's log is declared by the official specs (strictly), and so is every answer. */
export function assertContract(checker: ContractChecker, emulator: Emulator | readonly LoggedRequest[]): void {
  const log = 'log' in emulator ? emulator.log.entries : emulator;
  const violations = unexcused(log.flatMap(e => checker.check(e)));
  assert.deepEqual(violations.map(v => `#${v.seq} ${v.method} ${v.path} ${v.rule}: ${v.message}`), []);
  assert.deepEqual(log.filter(e => e.route === undefined && e.status === 404).map(e => `${e.method} ${e.path}`), [], 'no unrouted request');
}

/** The writes in a log (everything but reads and searches). */
export function writes(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));
}
