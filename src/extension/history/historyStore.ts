// The query history (vscode-free): statements run per connection profile, newest last, bounded per profile with
// the oldest unstarred entries dropped first (starred ones are kept whatever the bound). Holds statement text and
// facts about the run only, never bound values or anything secret.

import { randomUUID } from 'node:crypto';
import type { FinishedStatus, ProfileStatement } from '../cql/finishedStatement.js';

export interface HistoryEntry extends ProfileStatement {
  id: string;
  starred?: boolean;
}

export interface HistoryFilter {
  /** Words that must all occur in the statement (case-insensitive). */
  text?: string;
  profileId?: string;
  status?: FinishedStatus;
  starredOnly?: boolean;
}

export const HISTORY_FORMAT = 'astra-query-history';
export const DEFAULT_MAX_PER_PROFILE = 5000;

export class HistoryStore {
  private readonly byProfile = new Map<string, HistoryEntry[]>();
  private readonly listeners = new Set<() => void>();
  private readonly lowered = new WeakMap<HistoryEntry, string>();

  constructor(private readonly maxPerProfile = DEFAULT_MAX_PER_PROFILE) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  add(s: ProfileStatement): HistoryEntry {
    const entry: HistoryEntry = { ...s, id: randomUUID() };
    let list = this.byProfile.get(s.profileId);
    if (!list) this.byProfile.set(s.profileId, (list = []));
    list.push(entry);
    this.trim(list);
    this.changed();
    return entry;
  }

  /** Drops the oldest unstarred entries above the bound, in one pass. */
  private trim(list: HistoryEntry[]): void {
    let excess = list.length - this.maxPerProfile;
    if (excess <= 0) return;
    let w = 0;
    for (let r = 0; r < list.length; r++) {
      const e = list[r]!;
      if (excess > 0 && !e.starred) {
        excess--;
        continue;
      }
      list[w++] = e;
    }
    list.length = w;
  }

  get(id: string): HistoryEntry | undefined {
    for (const list of this.byProfile.values()) {
      const e = list.find((x) => x.id === id);
      if (e) return e;
    }
    return undefined;
  }

  setStarred(id: string, starred: boolean): void {
    const e = this.get(id);
    if (!e || !!e.starred === starred) return;
    if (starred) e.starred = true;
    else {
      delete e.starred;
      const list = this.byProfile.get(e.profileId);
      if (list) this.trim(list);
    }
    this.changed();
  }

  /** Removes the entries of one profile (or all); starred ones stay unless `includeStarred`. */
  clear(profileId?: string, includeStarred = false): number {
    let removed = 0;
    for (const [id, list] of this.byProfile) {
      if (profileId !== undefined && id !== profileId) continue;
      const kept = includeStarred ? [] : list.filter((e) => e.starred);
      removed += list.length - kept.length;
      if (kept.length) this.byProfile.set(id, kept);
      else this.byProfile.delete(id);
    }
    if (removed) this.changed();
    return removed;
  }

  profiles(): string[] {
    return [...this.byProfile.keys()];
  }

  size(profileId?: string): number {
    if (profileId !== undefined) return this.byProfile.get(profileId)?.length ?? 0;
    let n = 0;
    for (const list of this.byProfile.values()) n += list.length;
    return n;
  }

  /** Matching entries, newest first. */
  list(filter: HistoryFilter = {}): HistoryEntry[] {
    const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const lists = filter.profileId !== undefined ? [this.byProfile.get(filter.profileId) ?? []] : [...this.byProfile.values()];
    const matched = lists.map((list) => {
      const out: HistoryEntry[] = [];
      // Each list is oldest first: walk it backwards for newest first.
      for (let i = list.length - 1; i >= 0; i--) {
        const e = list[i]!;
        if (filter.status && e.status !== filter.status) continue;
        if (filter.starredOnly && !e.starred) continue;
        if (words.length) {
          const text = this.lower(e);
          if (!words.every((w) => text.includes(w))) continue;
        }
        out.push(e);
      }
      return out;
    });
    return matched.length === 1 ? matched[0]! : mergeNewestFirst(matched);
  }

  /** Lower-cased statement text, computed once per entry (filtering runs on every keystroke). */
  private lower(e: HistoryEntry): string {
    let t = this.lowered.get(e);
    if (t === undefined) this.lowered.set(e, (t = e.text.toLowerCase()));
    return t;
  }

  toJSON(): { format: string; version: 1; entries: HistoryEntry[] } {
    return { format: HISTORY_FORMAT, version: 1, entries: [...this.byProfile.values()].flat() };
  }

  /** Loads saved entries (ignoring malformed ones); returns how many were kept. */
  load(data: unknown): number {
    if (typeof data !== 'object' || data === null) return 0;
    const d = data as { format?: unknown; entries?: unknown };
    if (d.format !== HISTORY_FORMAT || !Array.isArray(d.entries)) return 0;
    this.byProfile.clear();
    for (const e of d.entries as unknown[]) {
      if (!isEntry(e)) continue;
      let list = this.byProfile.get(e.profileId);
      if (!list) this.byProfile.set(e.profileId, (list = []));
      list.push(e);
    }
    for (const list of this.byProfile.values()) {
      if (!isSorted(list)) list.sort((a, b) => a.at - b.at);
      this.trim(list);
    }
    this.changed();
    return this.size();
  }
}

function isSorted(list: readonly HistoryEntry[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.at > list[i]!.at) return false;
  return true;
}

/** Merges lists that are each newest first into one newest-first list. */
function mergeNewestFirst(lists: HistoryEntry[][]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const pos = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) {
      const e = lists[k]![pos[k]!];
      if (e && (best < 0 || e.at > lists[best]![pos[best]!]!.at)) best = k;
    }
    if (best < 0) return out;
    out.push(lists[best]![pos[best]!++]!);
  }
}

function isEntry(x: unknown): x is HistoryEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return typeof e['id'] === 'string' && typeof e['profileId'] === 'string' && typeof e['text'] === 'string' &&
    typeof e['at'] === 'number' && typeof e['durationMs'] === 'number' && (e['status'] === 'ok' || e['status'] === 'error' || e['status'] === 'cancelled');
}
