/**
 * src/iomt: the IoMT trust layer's actors and models: device profiles and vitals, signed readings,
 * gateways (admission, alert rules, detectors, Merkle anchoring), the off-chain store, care teams,
 * clients, the node query service through which they learn committed state, the PHI inspector,
 * the collector and the world that assembles them.
 */
export { EwmaDetector, CusumDetector, ZScoreDetector, type AlarmEvent, type StreamDetector, type EwmaParams, type CusumParams, type ZScoreParams } from './detectors.ts';
export { DetectorBank, makeDetector, detectorName, FEATURE_INDEX, type DetectorSpec, type DetectorFeature } from './detector-bank.ts';
export { DEVICE_KINDS, DEFAULT_PROFILES, CHANNELS, type DeviceKind, type DeviceProfile, type Channel } from './profiles.ts';
export { PatientVitals, EPISODE_KINDS, type Episode, type EpisodeKind, type EpisodeConfig } from './vitals.ts';
export { readingTerm, encodeRecord, decodeRecord, RECORD_BYTES, READING_HEADER_BYTES, type ReadingMessage, type DecodedRecord } from './reading.ts';
export { Device, type DeviceOptions, type RekeyMessage } from './device.ts';
export { Admission, REJECT_REASONS, ACCEPTED, type RejectReason, type RegistryView, type AdmissionParams } from './admission.ts';
export { RuleState, DEFAULT_ALERT_RULES, type AlertRule } from './alert-rules.ts';
export { Gateway, type GatewayOptions, type GatewayDevice } from './gateway.ts';
export { OffChainStore, type StoreOptions } from './store.ts';
export { CareTeam } from './care-team.ts';
export { AccessClient, PatientPortal, DeviceAdmin } from './clients.ts';
export { LedgerClient, TX_ENVELOPE_BYTES, type LedgerEndpoint, type LedgerOwner } from './ledger-client.ts';
export { NodeQueryService } from './node-service.ts';
export { ConsortiumNode, type ConsortiumNodeConfig } from './consortium-node.ts';
export { NodeQueries, NodeSubscription, type NodeEndpoint } from './node-link.ts';
export { STATE_READ_US, type NodeQuery, type NodeAnswer, type NodeSubscribe, type NodeNotice, type NodeTopic } from './node-messages.ts';
export { PhiInspector } from './phi-inspector.ts';
export { IomtCollector } from './collector.ts';
export { LogHistogram } from './log-histogram.ts';
export { IomtWorld, type IomtWorldConfig } from './world.ts';
export { buildTopology, type Topology } from './topology.ts';
export type { IomtEvent, IomtEventKind } from './events.ts';
export type { PutBatch, PutAck, PutOutcome, PutRefusal, GetLatest, GetReply, AlertNotice } from './messages.ts';
