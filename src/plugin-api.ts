/**
 * What a plug-in module outside the tree imports (docs/plugins.md): the definition contracts (a
 * protocol, an attack, a detector) and
 * their helpers, the actor and ledger types a replica or an attack works with, and the zod the
 * parameter schemas are written in (with the unit-aware quantity types scenarios use). A plug-in
 * imports only from here, so the tree can be rearranged without breaking it.
 */
export { z } from 'zod';
export { zDurationUs, zPositiveDurationUs, zSizeBytes, zBandwidthBps } from './scenario/zod-units.ts';

export type { Actor, ActorContext, ActorFactory, HostId, ModelEvent, TimerId, TimerTag } from '../sim/index.ts';
export { buildBlock, GENESIS_BLOCK, verifyBlock } from './ledger/block.ts';
export { hashCostUs, macCostUs } from './ledger/crypto.ts';
export type { CryptoCosts, SigningKey, Verifier } from './ledger/crypto.ts';
export type { MempoolDropEvent, MempoolEvent } from './ledger/events.ts';
export type { Mempool, MempoolOptions } from './ledger/mempool.ts';
export { replicaMempool } from './protocols/replica-mempool.ts';
export type { Block, ContractCall, Transaction } from './ledger/types.ts';

export { defineProtocol, kindsOf, type ByzantineLevers, type FaultModel, type FaultPhaseEnd, type ForwardedIntake, type ForwardedTransactions, type ProtocolDefinition } from './protocols/definition.ts';
export type { CommitEvent, ElectionEvent, LeadsEvent, ReplicaConfig, ReplicatedApplication, ReplyMessage, RequestMessage, ViewChangeEvent } from './protocols/types.ts';
export { executionCostUs, STATE_ACCESS_US, type ExecutionWork } from './protocols/execution-work.ts';

export { defineAttack, type AttackDefinition } from './attacks/definition.ts';
export type { AttackWorld, InstallContext } from './attacks/types.ts';
export { TRUTH_LABEL_EVENT, type TruthLabelEvent } from './attacks/ground-truth.ts';

export { defineDetector, type DetectorDefinition } from './iomt/detector-kinds/definition.ts';
export type { StreamDetector } from './iomt/detectors.ts';
