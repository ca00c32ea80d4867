// DOM-free parts of the Chart view and the trace timeline: which columns plot, values as numbers, ticks, and the
// trace steps per lane with the slowest ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartableColumns, tickText, ticks, toNumber } from '../../../src/webview/renderer/chartData.js';
import { slowestSteps, traceSteps } from '../../../src/webview/renderer/traceTimeline.js';

describe('chart data', () => {
  test('numeric and time columns are chartable; text, uuid and collections are not', () => {
    const cols = ['text', 'int', 'uuid', 'decimal', 'list<int>', 'timestamp', 'varint'].map((type, i) => ({ name: `c${i}`, type }));
    assert.deepEqual(chartableColumns(cols), [1, 3, 5, 6]);
  });

  test('exact values become doubles; null, NaN and non-numbers become null', () => {
    assert.equal(toNumber(42), 42);
    assert.equal(toNumber({ t: 'bigint', v: '9007199254740993' }), 9007199254740992);
    assert.equal(toNumber({ t: 'decimal', v: '-12.50' }), -12.5);
    assert.equal(toNumber({ t: 'float', v: 1.5 }), 1.5);
    assert.equal(toNumber({ t: 'float', v: 'NaN' }), null);
    assert.equal(toNumber({ t: 'timestamp', ms: 1000, iso: '1970-01-01T00:00:01.000Z' }), 1000);
    assert.equal(toNumber({ t: 'date', v: '1970-01-02' }), 86_400_000);
    assert.equal(toNumber(null), null);
    assert.equal(toNumber('12'), null);
  });

  test('ticks are round numbers covering the range; tick text is short', () => {
    assert.deepEqual(ticks(0, 10), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(ticks(-3, 47, 5), [0, 10, 20, 30, 40]);
    assert.deepEqual(ticks(5, 5), [5]);
    assert.equal(tickText(1_500_000), '1.5M');
    assert.equal(tickText(25_000), '25k');
    assert.equal(tickText(0.125), '0.125');
  });
});

describe('trace timeline steps', () => {
  const trace = {
    sessionId: 's', durationUs: 1000,
    events: [
      { elapsedUs: 100, source: '10.0.0.1', thread: 'A', activity: 'parse' },
      { elapsedUs: 150, source: '10.0.0.2', thread: 'B', activity: 'remote read' },
      { elapsedUs: 300, source: '10.0.0.1', thread: 'A', activity: 'execute' },
      { elapsedUs: 900, source: '10.0.0.2', thread: 'B', activity: 'reply' },
      { elapsedUs: 950, source: '10.0.0.1', thread: 'A', activity: 'done' },
    ],
  };

  test('each step lasts until the next event of its lane, the last one until the end of the trace', () => {
    const steps = traceSteps(trace).map((s) => [s.lane, s.activity, s.elapsedUs, s.endUs]);
    assert.deepEqual(steps, [
      ['10.0.0.1 · A', 'parse', 100, 300], ['10.0.0.1 · A', 'execute', 300, 950], ['10.0.0.1 · A', 'done', 950, 1000],
      ['10.0.0.2 · B', 'remote read', 150, 900], ['10.0.0.2 · B', 'reply', 900, 1000],
    ]);
  });

  test('the slowest steps are the longest ones (one in a short trace)', () => {
    const steps = traceSteps(trace);
    assert.deepEqual([...slowestSteps(steps)].map((s) => s.activity), ['remote read']);
    assert.deepEqual([...slowestSteps(steps, 2)].map((s) => s.activity), ['remote read', 'execute']);
  });
});
