import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { defaultThreads, deviceCount, DEVICES_PER_THREAD, planningNote } from './default-threads.ts';

const bundled = (name: string, sets: readonly string[] = []) => loadScenario(fileURLToPath(new URL(`../../../scenarios/${name}`, import.meta.url)), sets).scenario;

describe('threads per replication when --threads is not given', () => {
  it('counts the devices every bed of every ward of every hospital carries', () => {
    expect(deviceCount(bundled('regional.yaml'))).toBe(36_000);
    expect(deviceCount(bundled('hospital.yaml'))).toBe(3_600);
    expect(deviceCount(bundled('consortium.yaml'))).toBe(0);
  });

  it('splits regional.yaml (36,000 devices) over the two cores one replication leaves free', async () => {
    expect((await defaultThreads(() => [bundled('regional.yaml')], 1, 2)).threads).toBe(2);
  });

  it('gives a thread no fewer devices than the measured threshold, and no more threads than hospitals', async () => {
    // 36,000 devices: two shares of 18,000 on any number of cores.
    expect((await defaultThreads(() => [bundled('regional.yaml')], 1, 16)).threads).toBe(36_000 / DEVICES_PER_THREAD);
    // 72,000 devices in 20 hospitals: four shares; 60,000 in 2 hospitals: two threads, not three.
    expect((await defaultThreads(() => [bundled('regional.yaml', ['iomt.hospitals=20', 'consensus.nodes=26'])], 1, 64)).threads).toBe(4);
    expect((await defaultThreads(() => [bundled('regional.yaml', ['iomt.hospitals=2', 'iomt.wardsPerHospital=250', 'consensus.nodes=8'])], 1, 64)).threads).toBe(2);
  });

  it('builds no point when the replications running at once leave no core spare', async () => {
    const unbuilt = () => { throw new Error('a point was built'); };
    expect(await defaultThreads(unbuilt, 2, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/leave none spare/) });
  });

  it('says before planning splits in full that take 3 s or more, and not before a quick one', () => {
    const hospitals = Array.from({ length: 20 }, (_, i) => bundled('hospital.yaml', [`iomt.bedsPerWard=${i + 1}`]));
    expect(planningNote(hospitals, 2)).toBe('planning the split over 2 threads: building the worlds of 20 points (75,600 devices), about 5 s');
    expect(planningNote([bundled('regional.yaml')], 12)).toBeUndefined();
    expect(planningNote([bundled('consortium.yaml'), bundled('consortium.yaml')], 2)).toBeUndefined();
  });

  it('leaves cores to replications first', async () => {
    expect(await defaultThreads(() => [bundled('regional.yaml')], 2, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/leave none spare/) });
    expect((await defaultThreads(() => [bundled('regional.yaml')], 8, 16)).threads).toBe(2);
  });

  it('runs smaller IoMT worlds and consensus-only worlds whole', async () => {
    expect(await defaultThreads(() => [bundled('hospital.yaml')], 1, 16)).toMatchObject({ threads: 1, why: expect.stringMatching(/too few/) });
    expect((await defaultThreads(() => [bundled('regional.yaml', ['iomt.hospitals=4', 'consensus.nodes=10'])], 1, 16)).threads).toBe(1);
    expect(await defaultThreads(() => [bundled('consortium.yaml')], 1, 16)).toMatchObject({ threads: 1, why: expect.stringMatching(/consensus-only/) });
  });

  it('runs whole a large world under an attack that follows the leader', async () => {
    const attacked = bundled('regional.yaml', ["attacks=[{type: crash, replicas: leader, start: '1m', end: '2m'}]"]);
    expect(await defaultThreads(() => [attacked], 1, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/cannot split yet/) });
  });

  it('runs whole a large world that cannot split: latencies without a floor', async () => {
    const noFloor = bundled('regional.yaml', ['iomt.links.wan={kind: normal, mean: 20ms, sd: 4ms}']);
    expect(await defaultThreads(() => [noFloor], 1, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/no window/) });
  });

  it('runs every point of a sweep on the fewest threads any point takes: whole beside a point too small to gain', async () => {
    const small = bundled('regional.yaml', ['iomt.hospitals=2', 'consensus.nodes=8']);
    expect(await defaultThreads(() => [small, bundled('regional.yaml')], 1, 2)).toMatchObject({ threads: 1, why: expect.stringMatching(/7,200 devices are too few/) });
  });

  it('runs a sweep whole when one of its points cannot split over the count the others take', async () => {
    const noFloor = bundled('regional.yaml', ['iomt.links.wan.min=0ms']);
    expect(await defaultThreads(() => [bundled('regional.yaml'), noFloor], 1, 2)).toMatchObject({ threads: 1, why: "a point's latencies leave no window to split in" });
    expect(await defaultThreads(() => [bundled('regional.yaml'), bundled('regional.yaml', ['iomt.links.wan.min=6ms'])], 1, 2)).toMatchObject({ threads: 2, why: expect.stringMatching(/^of 2 points, the one taking the fewest has 36,000 devices in 10 hospitals,/) });
  });
});
