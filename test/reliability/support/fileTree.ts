import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every file and folder under `dir` with its size (and modification time with `withTimes`), sorted, so two
 * listings taken before and after a step prove it wrote nothing it should not have.
 */
export function fileTree(dir: string, withTimes = false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      out.push(`${relative(dir, p)} ${st.isDirectory() ? 'dir' : st.size}${withTimes ? ` ${st.mtimeMs}` : ''}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}
