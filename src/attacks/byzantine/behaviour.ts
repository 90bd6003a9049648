/**
 * The Byzantine behaviours one replica runs, resolved from the scenario's attack specs: each is a
 * mode with a window, as in Malachite's Byzantine proxy (mode, trigger, configured by data).
 */
import type { HostId } from '../../../sim/index.ts';
import type { AttackWindow } from '../window.ts';

export interface EquivocationMode extends AttackWindow {
  /** Honest replica hosts that see face 0; every other honest replica sees face 1. */
  readonly sideA: ReadonlySet<HostId>;
  /** Every replica running equivocation (they collude: face k talks to face k). */
  readonly colluders: ReadonlySet<HostId>;
}

export interface CensorshipMode extends AttackWindow {
  readonly senders: ReadonlySet<HostId>;
}

export interface DelayMode extends AttackWindow {
  readonly delayUs: number;
  /** Message kinds held back; empty means all. */
  readonly kinds: ReadonlySet<string>;
}

export interface ByzantineModes {
  readonly equivocation: EquivocationMode[];
  readonly silence: AttackWindow[];
  readonly censorship: CensorshipMode[];
  readonly delay: DelayMode[];
}

export function emptyModes(): ByzantineModes {
  return { equivocation: [], silence: [], censorship: [], delay: [] };
}
