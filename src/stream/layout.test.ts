import { describe, expect, it } from 'vitest';
import {
  checkInMessageId,
  layoutFromSubjects,
  partitionOf,
  streamLayout,
  streamSubjects,
  subjectFor,
  subjectToken,
} from './layout.js';

describe('stream layout', () => {
  it('hashes an installation to the same partition every time, spread over all of them', () => {
    // SHA-256("ins_dallas") starts fae968c5 (4209600709): fixed by the hash, not by this runtime.
    expect(partitionOf('ins_dallas', 8)).toBe(4209600709 % 8);
    expect(partitionOf('ins_dallas', 1000)).toBe(709);
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[partitionOf(`ins_${i}`, 8)]++;
    for (const n of counts) expect(n).toBeGreaterThan(800); // 1000 expected each
    expect(partitionOf('x', 1)).toBe(0);
  });

  it('writes any installation id as one subject token', () => {
    for (const id of ['ins_abc', 'site.dallas', 'a/b:c-d', 'a%b', 'x*y>z w']) {
      const token = subjectToken(id);
      expect(token).toMatch(/^[A-Za-z0-9_:%-]+$/);
      expect(decodeURIComponent(token)).toBe(id);
    }
    const layout = streamLayout({ partitions: 4 });
    expect(subjectFor(layout, 'site.dallas')).toBe(
      `chipexport.checkins.${partitionOf('site.dallas', 4)}.site%2Edallas`,
    );
  });

  it('records P in the stream subjects and reads it back', () => {
    const layout = streamLayout({ stream: 'S', subjectPrefix: 'a.b', partitions: 5 });
    expect(streamSubjects(layout)).toEqual(['a.b.0.>', 'a.b.1.>', 'a.b.2.>', 'a.b.3.>', 'a.b.4.>']);
    expect(layoutFromSubjects('S', streamSubjects(layout))).toEqual(layout);
    expect(layoutFromSubjects('S', ['a.b.0.>', 'a.b.2.>'])).toBeUndefined();
    expect(layoutFromSubjects('S', ['orders.>'])).toBeUndefined();
  });

  it('refuses bad names and partition counts, naming the field', () => {
    expect(() => streamLayout({ stream: 'a.b' })).toThrow(/^stream:/);
    expect(() => streamLayout({ stream: '7' })).toThrow(/^stream:/);
    expect(streamLayout().subjectPrefix).toBe('chipexport.checkins');
    expect(streamLayout({ stream: 'STAGING' }).subjectPrefix).toBe('chipexport.checkins.STAGING');
    expect(() => streamLayout({ subjectPrefix: 'a.>' })).toThrow(/^subjectPrefix:/);
    expect(() => streamLayout({ partitions: 0 })).toThrow(/^partitions:/);
    expect(() => streamLayout({ partitions: 2.5 })).toThrow(/^partitions:/);
  });

  it('gives the same check-in the same message id, and a reused sequence a different one', () => {
    const sigA = Buffer.alloc(64, 1).toString('base64');
    const sigB = Buffer.alloc(64, 2).toString('base64');
    expect(checkInMessageId('gpu-1', 7, sigA)).toBe(checkInMessageId('gpu-1', 7, sigA));
    expect(checkInMessageId('gpu-1', 7, sigA)).not.toBe(checkInMessageId('gpu-1', 7, sigB));
    expect(checkInMessageId('gpu-1', 7, sigA)).toMatch(/^gpu-1:7:[0-9a-f]{32}$/);
  });
});
