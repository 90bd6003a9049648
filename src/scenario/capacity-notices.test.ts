/** Notices of a protocol whose clocked blocks cannot carry the load a scenario offers. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capacityNotices } from './capacity-notices.ts';
import { loadScenario } from './load.ts';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const hospital = (...sets: string[]) => loadScenario(`${scenariosDir}hospital.yaml`, sets).scenario;

describe('capacity notices', () => {
  it("names hospital.yaml's batch size, inherited from PBFT, as capping proof of authority below the gateways' and clients' load", () => {
    // 30 gateways × one anchor per 5 s = 6 tx/s; 60 clinicians × 6/h + 5 researchers × 12/h + 10 revocations/h + 6 key actions/h = 436/h.
    expect(capacityNotices(hospital('consensus.protocol=poa'))).toEqual([
      'consensus.batchSize (10 transactions a block) per consensus.poa.period (15 s) caps Proof-of-Authority (Clique) at 0.667 tx/s, below the 6.12 tx/s this scenario offers ' +
        '(6 tx/s of anchors, 30 gateways sealing a batch every iomt.gateway.batchInterval (5 s); 0.121 tx/s of access requests, consent revocations and key actions (iomt.access, iomt.identity)): ' +
        'its pools grow for the whole run and most transactions never commit; raise consensus.batchSize to at least 92 or shorten consensus.poa.period to at most 1.633 s',
    ]);
  });

  it('says nothing once the batch size it names carries the load', () => {
    expect(capacityNotices(hospital('consensus.protocol=poa', 'consensus.batchSize=92'))).toEqual([]);
  });

  it("names a synthetic load's rateTps above what a block period carries", () => {
    const poa = loadScenario(`${scenariosDir}poa.yaml`, ['workload.rateTps=600']).scenario;
    expect(capacityNotices(poa)[0]).toMatch(/^consensus\.batchSize \(1000 transactions a block\) per consensus\.poa\.period \(2 s\) caps Proof-of-Authority \(Clique\) at 500 tx\/s, below the 600 tx\/s this scenario offers \(workload\.rateTps\)/);
  });

  it('says nothing of any bundled scenario as shipped', () => {
    const files = ['', 'attacks/', 'validation/'].flatMap((dir) => readdirSync(`${scenariosDir}${dir}`).filter((f) => f.endsWith('.yaml')).map((f) => `${scenariosDir}${dir}${f}`));
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((f) => capacityNotices(loadScenario(f).scenario).map((n) => `${f}: ${n}`))).toEqual([]);
  });
});
