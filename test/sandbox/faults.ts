// Mutable fault injection, consulted per request by every CqlNodeServer sharing this object (and by the Astra
// front for the metadata-service faults). Tests flip fields between steps; reset() restores a healthy cluster.
//
// dropAfterFrames counts request frames across every connection of every server that shares this Faults: when it
// reaches zero, the socket that carried the last frame is destroyed without an answer and the field is cleared.

import { EventEmitter } from 'node:events';
import type { InjectedError } from './protocol/error-frame.js';

/** Applies to QUERY, EXECUTE (by the prepared statement's text) and BATCH (any statement); never to PREPARE. */
export interface ErrorRule {
  match: RegExp | string; // a string matches as a case-insensitive substring of the CQL
  error: InjectedError;
  times?: number; // undefined: every time
}

export class Faults extends EventEmitter {
  latencyMs = 0;
  dropAfterFrames?: number;
  errorFor: ErrorRule[] = [];
  /** Host ids of nodes that refuse connections. Mutate through markDown/markUp so open sockets close at once. */
  readonly nodeDown = new Set<string>();
  // Metadata service (Astra front): extra delay, forced HTTP status, and a body that is not JSON.
  metadataDelayMs = 0;
  metadataStatus?: number;
  metadataBadJson = false;
  /** Passwords (tokens, client secrets) refused from now on by AUTH_RESPONSE: a token revoked mid-session. */
  readonly revokedSecrets = new Set<string>();

  markDown(hostId: string): void {
    this.nodeDown.add(hostId);
    this.emit('nodeDown', hostId);
  }

  markUp(hostId: string): void {
    this.nodeDown.delete(hostId);
  }

  reset(): void {
    this.latencyMs = 0;
    this.dropAfterFrames = undefined;
    this.errorFor = [];
    this.nodeDown.clear();
    this.metadataDelayMs = 0;
    this.metadataStatus = undefined;
    this.metadataBadJson = false;
    this.revokedSecrets.clear();
  }

  /** Counts one request frame; true when the connection that carried it must now be dropped. */
  takeFrame(): boolean {
    if (this.dropAfterFrames === undefined) return false;
    this.dropAfterFrames -= 1;
    if (this.dropAfterFrames > 0) return false;
    this.dropAfterFrames = undefined;
    return true;
  }

  /** The injected error for the first rule matching any of the statements' CQL, consuming one of its `times`. */
  takeError(cql: readonly string[]): InjectedError | undefined {
    const i = this.errorFor.findIndex((rule) =>
      cql.some((q) => (typeof rule.match === 'string' ? q.toLowerCase().includes(rule.match.toLowerCase()) : rule.match.test(q))),
    );
    if (i < 0) return undefined;
    const rule = this.errorFor[i];
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.errorFor.splice(i, 1);
    }
    return rule.error;
  }
}
