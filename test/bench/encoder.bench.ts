// Encoder cost next to the driver's own decoding, per column type of the all-types table, without server or
// network: the same values are written to protocol bytes once, then (a) decoded by cassandra-driver's Encoder and
// (b) decoded and encoded for the result payload. decode / (decode + encode) is what the session/raw ratio would be
// if the driver spent its time on nothing but decoding values (it also parses frames, pages and sockets, and on the
// sandbox the server shares the process), so the end-to-end ratio is higher. Median of 7 alternating runs over 20,000 values, timed by this process's CPU time (time spent
// descheduled on a busy machine does not count); it leaves out the protocol and paging work that the end-to-end
// ratio also contains.
import * as cassandra from 'cassandra-driver';
import { encoderFor, type DriverType } from '../../src/extension/cql/valueEncoder.js';
import { columnsOf, rowValues } from './allTypesTable.js';
import { median } from './median.js';

interface DriverEncoder {
  encode(value: unknown, type: unknown): Buffer;
  decode(bytes: Buffer, type: unknown): unknown;
}
const driver = new (cassandra as unknown as { Encoder: new (v: number, o: object) => DriverEncoder }).Encoder(4, {});

const point: DriverType = { code: 0x30, info: { name: 'bench_point', fields: [{ name: 'x', type: { code: 0x09 } }, { name: 'label', type: { code: 0x0d } }, { name: 'at', type: { code: 0x0b } }] } };
const TYPES: Record<string, DriverType> = {
  ascii: { code: 0x01 }, bigint: { code: 0x02 }, blob: { code: 0x03 }, boolean: { code: 0x04 }, date: { code: 0x11 },
  decimal: { code: 0x06 }, double: { code: 0x07 }, duration: { code: 0x00, info: 'org.apache.cassandra.db.marshal.DurationType' },
  float: { code: 0x08 }, inet: { code: 0x10 }, int: { code: 0x09 }, smallint: { code: 0x13 }, text: { code: 0x0d },
  time: { code: 0x12 }, timestamp: { code: 0x0b }, timeuuid: { code: 0x0f }, tinyint: { code: 0x14 }, uuid: { code: 0x0c },
  varint: { code: 0x0e }, 'list<int>': { code: 0x20, info: { code: 0x09 } }, 'set<text>': { code: 0x22, info: { code: 0x0d } },
  'map<text, bigint>': { code: 0x21, info: [{ code: 0x0d }, { code: 0x02 }] }, 'frozen<bench_point>': point,
  'tuple<int, text, decimal>': { code: 0x31, info: [{ code: 0x09 }, { code: 0x0d }, { code: 0x06 }] },
  'vector<float, 8>': { code: 0x00, customTypeName: 'vector', info: [{ code: 0x08 }, 8] },
};

const N = 20_000;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let sink: unknown;

function main(): void {
  const columns = columnsOf(true);
  const rows = Array.from({ length: N }, (_, i) => rowValues(i, true));
  console.log(`encoder vs driver decoding, ${N} values per type, CPU ns per value (median of 7)`);
  console.log(`${'type'.padEnd(28)}${'driver decode'.padEnd(15)}${'encode'.padEnd(9)}decode / (decode + encode)`);
  let totalDecode = 0;
  let totalEncode = 0;
  columns.forEach((c, j) => {
    const type = TYPES[c.cql]!;
    const bytes = rows.map((r) => (r[j] === null || r[j] === undefined ? null : driver.encode(r[j], type)));
    const encode = encoderFor(type, { timeZone: 'UTC' });
    const decodeOnly = () => {
      for (const b of bytes) sink = b && driver.decode(b, type);
    };
    const decodeAndEncode = () => {
      for (const b of bytes) sink = encode(b && driver.decode(b, type));
    };
    const a: number[] = [];
    const b: number[] = [];
    decodeOnly();
    decodeAndEncode();
    for (let k = 0; k < 7; k++) {
      for (const [f, out] of (k % 2 ? [[decodeAndEncode, b], [decodeOnly, a]] : [[decodeOnly, a], [decodeAndEncode, b]]) as [() => void, number[]][]) {
        const t0 = cpuMs();
        f();
        out.push(cpuMs() - t0);
      }
    }
    const dec = (median(a) / N) * 1e6;
    const enc = Math.max(0, (median(b) / N) * 1e6 - dec);
    totalDecode += dec;
    totalEncode += enc;
    console.log(`${c.cql.padEnd(28)}${dec.toFixed(0).padEnd(15)}${enc.toFixed(0).padEnd(9)}${(dec / (dec + enc)).toFixed(2)}`);
  });
  console.log(`${'whole row'.padEnd(28)}${totalDecode.toFixed(0).padEnd(15)}${totalEncode.toFixed(0).padEnd(9)}${(totalDecode / (totalDecode + totalEncode)).toFixed(2)}`);
  if (sink === Symbol.for('never')) console.log(sink);
}

main();
