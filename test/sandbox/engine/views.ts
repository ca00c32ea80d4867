// Materialized view contents, derived from the base table when the view is read (the sandbox has no write path
// into views, so reads rebuild them: O(base table) per read, which is fine at sandbox sizes).

import type { CqlValue } from '../types/cqltype.js';
import type { ViewDef } from './catalog.js';
import type { StmtEnv } from './context.js';
import { cellOf, valueOf } from './rowview.js';
import { rowIsLive, type Cell } from './storage.js';
import { partitionFor, partitionRef } from './write.js';

export function refreshView(env: StmtEnv, view: ViewDef): void {
  const base = env.catalog.table(view.keyspace, view.baseTable);
  const vt = view.table;
  vt.data.truncate();
  if (!base) return;
  const now = env.nowMs;
  for (const p of base.data.sorted()) {
    for (const r of p.rows) {
      if (!rowIsLive(r, now)) continue;
      const rv = { p, r };
      const key = (names: { name: string }[]) => names.map((c) => valueOf(rv, base.columns.get(c.name)!, now));
      const pk = key(vt.partitionKey);
      const ck = key(vt.clustering);
      if ([...pk, ...ck].some((v: CqlValue) => v === null)) continue;
      const vp = partitionFor(vt, partitionRef(vt, pk));
      const row = vt.data.getOrCreateRow(vp, ck);
      row.marker = r.marker ?? { value: null, ts: 0n };
      for (const c of vt.others) {
        const bc = base.columns.get(c.name);
        if (!bc) continue;
        const cell: Cell | undefined = bc.kind === 'partition_key' || bc.kind === 'clustering'
          ? { value: valueOf(rv, bc, now), ts: r.marker?.ts ?? 0n }
          : cellOf(rv, bc, now);
        if (cell) row.cells.set(c.name, cell);
      }
    }
  }
}
