import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { defaultThreads, deviceCount, DEVICES_PER_THREAD } from './default-threads.ts';

const bundled = (name: string, sets: readonly string[] = []) => loadScenario(fileURLToPath(new URL(`../../../scenarios/${name}`, import.meta.url)), sets).scenario;

describe('threads per replication when --threads is not given', () => {
  it('counts the devices every bed of every ward of every hospital carries', () => {
    expect(deviceCount(bundled('regional.yaml'))).toBe(36_000);
    expect(deviceCount(bundled('hospital.yaml'))).toBe(3_600);
    expect(deviceCount(bundled('consortium.yaml'))).toBe(0);
  });

  it('splits regional.yaml (36,000 devices) over the two cores one replication leaves free', () => {
    expect(defaultThreads(bundled('regional.yaml'), 1, 2).threads).toBe(2);
  });

  it('gives a thread no fewer devices than the measured threshold, and no more threads than hospitals', () => {
    // 36,000 devices: two shares of 18,000 on any number of cores.
    expect(defaultThreads(bundled('regional.yaml'), 1, 16).threads).toBe(36_000 / DEVICES_PER_THREAD);
    // 72,000 devices in 20 hospitals: four shares; 60,000 in 2 hospitals: two threads, not three.
    expect(defaultThreads(bundled('regional.yaml', ['iomt.hospitals=20', 'consensus.nodes=26']), 1, 64).threads).toBe(4);
    expect(defaultThreads(bundled('regional.yaml', ['iomt.hospitals=2', 'iomt.wardsPerHospital=250', 'consensus.nodes=8']), 1, 64).threads).toBe(2);
  });

  it('leaves cores to replications first', () => {
    expect(defaultThreads(bundled('regional.yaml'), 2, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/leave none spare/) });
    expect(defaultThreads(bundled('regional.yaml'), 8, 16).threads).toBe(2);
  });

  it('runs smaller IoMT worlds and consensus-only worlds whole', () => {
    expect(defaultThreads(bundled('hospital.yaml'), 1, 16)).toMatchObject({ threads: 1, why: expect.stringMatching(/too few/) });
    expect(defaultThreads(bundled('regional.yaml', ['iomt.hospitals=4', 'consensus.nodes=10']), 1, 16).threads).toBe(1);
    expect(defaultThreads(bundled('consortium.yaml'), 1, 16)).toMatchObject({ threads: 1, why: expect.stringMatching(/consensus-only/) });
  });

  it('runs whole a large world under an attack that follows the leader', () => {
    const attacked = bundled('regional.yaml', ["attacks=[{type: crash, replicas: leader, start: '1m', end: '2m'}]"]);
    expect(defaultThreads(attacked, 1, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/cannot split yet/) });
  });

  it('runs whole a large world that cannot split: latencies without a floor', () => {
    const noFloor = bundled('regional.yaml', ['iomt.links.wan={kind: normal, mean: 20ms, sd: 4ms}']);
    expect(defaultThreads(noFloor, 1, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/no window/) });
  });
});
