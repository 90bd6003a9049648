/**
 * Clients of the consortium: clinicians and researchers requesting access to patients' records,
 * patient portals revoking consent, and the hospital administration rotating and revoking device
 * keys. Each acts at Poisson times from its own stream and reads outcomes from its organisation's
 * node (its committed state), as a real client would query its own peer.
 */
import { exponential, type Actor, type ActorContext, type HostId } from '../../sim/index.ts';
import { verifyMerkleProof, type KeyRing, type Transaction } from '../ledger/index.ts';
import type { ReplyMessage } from '../protocols/types.ts';
import type { IomtLedgerApp } from '../contracts/index.ts';
import type { RekeyMessage } from './device.ts';
import { emitIomt } from './events.ts';
import { LedgerClient, type LedgerEndpoint } from './ledger-client.ts';
import type { GetLatest, GetReply } from './messages.ts';

const TIMER_ACT = 0;
const TIMER_RETRANSMIT = 1;
const TIMER_POLL = 2;
const GET_BYTES = 48;

/** The committed state of the organisation's node this client queries. */
export type NodeView = () => IomtLedgerApp;

interface ClientBase {
  readonly ledger: LedgerEndpoint;
  readonly node: NodeView;
  readonly ratePerHour: number;
}

function nextGapUs(ctx: ActorContext<unknown>, ratePerHour: number): number {
  return Math.max(1, Math.round(exponential(ctx.rng, 3_600_000_000 / ratePerHour)));
}

/**
 * What every consortium client shares: Poisson-timed actions from its own stream, submission through
 * a LedgerClient that retransmits and polls its node, and replies routed to that LedgerClient.
 */
abstract class PoissonLedgerClient implements Actor<unknown> {
  protected readonly ledger: LedgerClient;

  constructor(
    protected readonly ctx: ActorContext<unknown>,
    private readonly base: ClientBase,
  ) {
    this.ledger = new LedgerClient(ctx, base.ledger, (token, tx) => this.onDecided(token, tx), () => base.node().executedHeight, TIMER_POLL);
  }

  /** Whether the client has anything to act on at all. */
  protected abstract hasWork(): boolean;
  /** One action at a Poisson time; returns whether to schedule the next. */
  protected abstract act(): boolean;
  /** A submitted transaction was committed and executed at the client's node. */
  protected onDecided(_token: number, _tx: Transaction): void {}
  /** Messages other than ledger replies. */
  protected onOtherMessage(_from: HostId, _msg: unknown): void {}

  onStart(): void {
    if (this.base.ratePerHour > 0 && this.hasWork()) this.ctx.setTimer(nextGapUs(this.ctx, this.base.ratePerHour), TIMER_ACT);
    this.ctx.setTimer(this.base.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(tag: number): void {
    if (tag === TIMER_RETRANSMIT) {
      this.ledger.retransmit();
      this.ctx.setTimer(this.base.ledger.retransmitUs, TIMER_RETRANSMIT);
      return;
    }
    if (tag === TIMER_POLL) {
      this.ledger.poll();
      return;
    }
    if (this.act()) this.ctx.setTimer(nextGapUs(this.ctx, this.base.ratePerHour), TIMER_ACT);
  }

  onMessage(from: HostId, msg: unknown): void {
    if ((msg as { kind: string }).kind === 'reply') this.ledger.onReply(from, msg as ReplyMessage);
    else this.onOtherMessage(from, msg);
  }
}

export interface AccessClientOptions extends ClientBase {
  readonly role: 'clinician' | 'researcher';
  readonly pseudonym: string;
  /** Patients this client asks about, with the device whose latest record it reads and that record's store. */
  readonly patients: readonly { readonly patient: number; readonly pseudonym: string; readonly device: number; readonly store: HostId }[];
  /** Probability that a clinician's request is an emergency (break-glass) access. */
  readonly breakGlassProbability: number;
}

export class AccessClient extends PoissonLedgerClient {
  private seq = 0;
  /** Requests awaiting a decision or a record, by token. */
  private readonly open = new Map<number, { request: string; patient: number }>();

  constructor(
    ctx: ActorContext<unknown>,
    private readonly o: AccessClientOptions,
  ) {
    super(ctx, o);
  }

  protected hasWork(): boolean {
    return this.o.patients.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    const pick = ctx.rng.int(this.o.patients.length);
    const p = this.o.patients[pick]!;
    const breakGlass = this.o.role === 'clinician' && ctx.rng.float() < this.o.breakGlassProbability;
    const token = this.seq++;
    const request = `req_${ctx.self}_${token}`;
    this.open.set(token, { request, patient: pick });
    this.ledger.submit(
      {
        contract: 'AccessControl',
        method: 'request',
        args: { request, requester: this.o.pseudonym, patient: p.pseudonym, purpose: breakGlass ? 'ETREAT' : this.o.role === 'clinician' ? 'TREAT' : 'HRESCH', breakGlass },
      },
      token,
    );
    return true;
  }

  protected override onOtherMessage(_from: HostId, msg: unknown): void {
    if ((msg as GetReply).kind === 'get-reply') this.onRecord(msg as GetReply);
  }

  protected override onDecided(token: number, tx: Transaction): void {
    const open = this.open.get(token);
    if (open === undefined) return;
    const decision = this.o.node().access.decisionOf(open.request) ?? 'unknown';
    const p = this.o.patients[open.patient]!;
    emitIomt(this.ctx, { kind: 'iomt-access-decided', request: open.request, role: this.o.role, submittedUs: tx.submittedUs, decision, patient: p.patient });
    if (decision === 'permit' || decision === 'break-glass') {
      this.ctx.send(p.store, { kind: 'get', device: p.device, token, request: open.request, requester: this.o.pseudonym } satisfies GetLatest, GET_BYTES);
    } else {
      this.open.delete(token);
    }
  }

  /** Integrity check on every read: the record's inclusion proof against the root anchored on chain. */
  private onRecord(m: GetReply): void {
    const open = this.open.get(m.token);
    if (open === undefined) return;
    this.open.delete(m.token);
    let outcome: 'valid' | 'invalid' | 'unanchored' | 'not-found';
    if (m.found === undefined) outcome = 'not-found';
    else {
      const root = this.o.node().anchors.root(m.found.gateway, m.found.batch);
      outcome = root === undefined ? 'unanchored' : verifyMerkleProof(root, m.found.record, m.found.proof) ? 'valid' : 'invalid';
    }
    emitIomt(this.ctx, { kind: 'iomt-integrity-check', request: open.request, outcome });
  }
}

export interface PortalOptions extends ClientBase {
  /** Consents this portal's patients may revoke: id and patient pseudonym. */
  readonly consents: readonly { readonly consent: string; readonly patient: string }[];
}

/** A patient portal: patients revoke consents at random times (Poisson over the portal). */
export class PatientPortal extends PoissonLedgerClient {
  private readonly remaining: { consent: string; patient: string }[];

  constructor(ctx: ActorContext<unknown>, o: PortalOptions) {
    super(ctx, o);
    this.remaining = [...o.consents];
  }

  protected hasWork(): boolean {
    return this.remaining.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    if (this.remaining.length === 0) return false;
    const i = ctx.rng.int(this.remaining.length);
    const c = this.remaining[i]!;
    this.remaining[i] = this.remaining[this.remaining.length - 1]!;
    this.remaining.pop();
    const tx = this.ledger.submit({ contract: 'Consent', method: 'revoke', args: { consent: c.consent, patient: c.patient } }, 0);
    emitIomt(ctx, { kind: 'iomt-revoke-submitted', consent: c.consent, submittedUs: tx.submittedUs });
    return true;
  }
}

export interface AdminOptions extends ClientBase {
  /** Devices this administration manages: registry name and host. */
  readonly devices: readonly { readonly name: string; readonly host: HostId }[];
  readonly keyRing: KeyRing;
  /** Allocates a fresh signer id for a new device key. */
  readonly newSignerId: () => number;
  /** Fraction of actions that revoke a device instead of rotating its key. */
  readonly revokeFraction: number;
}

/**
 * Hospital administration: rotates device keys (the device switches to the new key once the
 * rotation commits, so readings signed with the old key after that are refused) and revokes
 * devices (their readings are refused from then on).
 */
export class DeviceAdmin extends PoissonLedgerClient {
  private readonly pendingRekeys: (RekeyMessage & { host: HostId })[] = [];

  constructor(
    ctx: ActorContext<unknown>,
    private readonly o: AdminOptions,
  ) {
    super(ctx, o);
  }

  protected hasWork(): boolean {
    return this.o.devices.length > 0;
  }

  protected act(): boolean {
    const ctx = this.ctx;
    const d = this.o.devices[ctx.rng.int(this.o.devices.length)]!;
    if (ctx.rng.float() < this.o.revokeFraction) {
      this.ledger.submit({ contract: 'DeviceRegistry', method: 'revoke', args: { device: d.name, status: 'revoked' } }, -1);
    } else {
      const key = this.o.keyRing.issue(this.o.newSignerId());
      this.pendingRekeys.push({ kind: 'rekey', key, host: d.host });
      this.ledger.submit({ contract: 'DeviceRegistry', method: 'rotateKey', args: { device: d.name, keyId: String(key.signer) } }, this.pendingRekeys.length - 1);
    }
    return true;
  }

  /** A key rotation committed: hand the device its new key. */
  protected override onDecided(token: number): void {
    const r = this.pendingRekeys[token];
    if (r === undefined) return;
    this.ctx.send(r.host, { kind: 'rekey', key: r.key } satisfies RekeyMessage, 96);
  }
}
