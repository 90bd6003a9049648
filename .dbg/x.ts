import { newViewBytes, viewChangeBytes } from '../src/protocols/pbft/messages.ts';
const n = 4, q = 3, logWindow = 256, latUs = 10_000, bps = 1e9;
const bc = (bytes: number) => latUs + ((n - 1) * bytes * 8 * 1e6) / bps;
const vcSig = 1 + n + logWindow * n;
const vc = viewChangeBytes(n, logWindow * n), nv = newViewBytes(Array(q).fill(vcSig), logWindow);
console.log({ vc, nv, vcUs: bc(vc), nvUs: bc(nv), X: bc(vc) + bc(nv) });
