// Extra driver clients of one connection, each bound to one keyspace for its whole life. Protocol v4 has no
// per-request keyspace, so statements for different keyspaces on one shared client must take turns (see
// cql/keyspaceScope.ts); a client whose keyspace never changes lets a notebook on another keyspace run at once.
// Opened lazily when such a statement would otherwise wait, shared by every document on the connection, at most
// `max` kept (least recently used idle ones closed first), all closed with the connection. vscode-free.

import type { Client } from 'cassandra-driver';

export interface KeyspaceLease {
  client: Client;
  /** Ends this use; the client stays open for the next one. */
  release(): void;
}

interface Slot {
  keyspace: string;
  client: Promise<Client>;
  users: number;
}

export class KeyspaceClients {
  /** Most recently used last. */
  private readonly slots = new Map<string, Slot>();
  private closed = false;

  constructor(
    /** Opens (connects) a client whose keyspace is `keyspace`. */
    private readonly open: (keyspace: string) => Promise<Client>,
    private readonly max = 4,
  ) {}

  /** A connected client in `keyspace`; rejects when it cannot be opened (the slot is dropped, so a retry reopens). */
  async acquire(keyspace: string): Promise<KeyspaceLease> {
    if (this.closed) throw new Error('The connection was closed.');
    let slot = this.slots.get(keyspace);
    if (slot) this.slots.delete(keyspace);
    else slot = { keyspace, client: this.open(keyspace), users: 0 };
    this.slots.set(keyspace, slot);
    slot.users++;
    const s = slot;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      s.users--;
      this.trim();
    };
    try {
      return { client: await s.client, release };
    } catch (e) {
      release();
      if (this.slots.get(keyspace) === s) this.slots.delete(keyspace);
      throw e;
    }
  }

  /** Keyspaces with a client open or opening, least recently used first. */
  keyspaces(): string[] {
    return [...this.slots.keys()];
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(slots.map((s) => shutdown(s)));
  }

  private trim(): void {
    for (const slot of this.slots.values()) {
      if (this.slots.size <= this.max) return;
      if (slot.users > 0) continue;
      this.slots.delete(slot.keyspace);
      void shutdown(slot);
    }
  }
}

async function shutdown(slot: Slot): Promise<void> {
  try {
    await (await slot.client).shutdown();
  } catch {
    // Never opened, or already closed: nothing left to release.
  }
}
