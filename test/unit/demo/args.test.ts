import { describe, expect, it } from 'vitest';
import { parseDemoCount, parseStartAt, withDemoDefault } from '#local/demo/args.ts';

describe('npm start -- --demo [N] --start-at ISO', () => {
  it('--demo alone is 300; a number after it is its value; another option after it is not', () => {
    expect(withDemoDefault(['--demo'])).toEqual(['--demo=300']);
    expect(withDemoDefault(['--demo', '50'])).toEqual(['--demo=50']);
    expect(withDemoDefault(['--demo', '--port', '0'])).toEqual(['--demo=300', '--port', '0']);
    expect(withDemoDefault(['--port', '0', '--demo'])).toEqual(['--port', '0', '--demo=300']);
    expect(withDemoDefault(['--demo', '-h'])).toEqual(['--demo=300', '-h']);
    expect(withDemoDefault(['--demo=12'])).toEqual(['--demo=12']);
    // A value that is not a count is kept, for the validation to name it.
    expect(withDemoDefault(['--demo', 'lots'])).toEqual(['--demo=lots']);
    expect(withDemoDefault(['--demo', '-5'])).toEqual(['--demo=-5']);
  });

  it('takes 1..5000 complaints and names a bad value', () => {
    expect(parseDemoCount('300')).toBe(300);
    expect(parseDemoCount('1')).toBe(1);
    expect(parseDemoCount('5000')).toBe(5000);
    for (const bad of ['0', '5001', '-5', '2.5', 'lots', '', '1e3', ' 7']) {
      expect(() => parseDemoCount(bad), bad).toThrow(/--demo takes a number of complaints from 1 to 5000/);
    }
  });

  it('--start-at takes an ISO-8601 instant with an offset or Z', () => {
    expect(parseStartAt('2025-09-15T09:00:00+08:00').toISOString()).toBe('2025-09-15T01:00:00.000Z');
    expect(parseStartAt('2025-09-15T01:00Z').toISOString()).toBe('2025-09-15T01:00:00.000Z');
    expect(parseStartAt('2024-02-29T23:59:59.5-05:00').toISOString()).toBe('2024-03-01T04:59:59.500Z');
    for (const bad of [
      '2025-09-15',
      '2025-09-15T09:00:00',
      '2025-02-30T09:00:00Z',
      '2025-09-15T24:00:00Z',
      'yesterday',
      '2025-09-15 09:00Z',
      '',
    ]) {
      expect(() => parseStartAt(bad), bad).toThrow(/--start-at takes an ISO-8601 instant with an offset or Z/);
    }
  });
});
