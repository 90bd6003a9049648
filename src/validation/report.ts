/**
 * The validation report page: for every check, its reference, the expected value, the simulated
 * value with its 95 % interval, the tolerance and the verdict, plus a small self-contained SVG strip
 * per check showing expected against simulated; then the calibrations in a section of their own,
 * with what was fitted and to what, and no verdict. Markdown and HTML, no external assets.
 */
import { fmt, toleranceOf } from './stats.ts';
import { seedsNote } from './table.ts';
import type { CalibrationReport, CheckReport, ValidationResults } from './types.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function groups<R extends { readonly group: string }>(reports: readonly R[]): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of reports) {
    const list = m.get(r.group);
    if (list === undefined) m.set(r.group, [r]);
    else list.push(r);
  }
  return m;
}

const CALIBRATION_NOTE = 'Each calibrated input was fitted to the published figure shown; agreement with it is not evidence, so calibrations have no verdict and are not counted as checks.';

function summaryLine(results: ValidationResults): string {
  const s = results.summary;
  const calibrations = s.calibrations > 0 ? `; ${s.calibrations} calibrations reported apart (not counted)` : '';
  return `${results.checks.length} checks${subsetNote(results)}: ${s.passed} passed, ${s.failed} failed${calibrations}.`;
}

/** The subset and the seeds, when either differs from the full suite on its shipped seeds. */
function subsetNote(results: ValidationResults): string {
  const notes = [...(results.quick ? ['quick subset'] : []), seedsNote(results)].filter((n) => n !== '');
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

export function renderMarkdown(results: ValidationResults): string {
  const reports = results.checks;
  const lines = [
    '# iomtsim validation report',
    '',
    summaryLine(results),
    'Each tolerance was fixed before the check was run: standard errors of the estimate, exact for deterministic closed forms, a stated factor for measurements of real networks, or a stated fraction (docs/validation.md). The SimBlock agreement compares a model built to follow SimBlock\'s rules, after a gap to SimBlock had been measured, with SimBlock: agreement, not independent validation.',
    '',
  ];
  for (const [g, rs] of groups(reports)) {
    lines.push(`## ${g}`, '', '| verdict | check | reference | expected | simulated | 95 % CI | tolerance | alongside | samples |', '|---|---|---|---|---|---|---|---|---|');
    for (const r of rs) {
      const x = r.result;
      const ci = x.ci95 === undefined ? '' : `[${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`;
      const beside = x.alongside === undefined ? '' : Object.entries(x.alongside).map(([k, v]) => `${k}: ${fmt(v)}`).join('; ');
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      lines.push(`| ${r.status === 'pass' ? 'pass' : '**FAIL**'} | ${cell(r.title)} | ${cell(r.reference)} | ${fmt(x.expected)} ${x.unit} | ${fmt(x.simulated)} ${x.unit} | ${ci} | ${cell(toleranceOf(x.basis))} | ${cell(beside)} | ${x.samples} |`);
    }
    lines.push('');
    for (const r of rs) lines.push(`- \`${r.id}\`: ${r.result.detail}`);
    lines.push('');
  }
  if (results.calibrations.length > 0) lines.push(...calibrationsMarkdown(results.calibrations));
  return lines.join('\n');
}

function calibrationsMarkdown(calibrations: readonly CalibrationReport[]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['## Calibrations (not counted)', '', CALIBRATION_NOTE, '', '| calibration | fitted input | published | simulated | 95 % CI | alongside | samples |', '|---|---|---|---|---|---|---|'];
  for (const r of calibrations) {
    const x = r.result;
    const ci = x.ci95 === undefined ? '' : `[${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`;
    const beside = x.alongside === undefined ? '' : Object.entries(x.alongside).map(([k, v]) => `${k}: ${fmt(v)}`).join('; ');
    lines.push(`| ${cell(r.title)} (${cell(r.reference)}) | ${cell(r.calibrated)} | ${fmt(x.published)} ${x.unit} | ${fmt(x.simulated)} ${x.unit} | ${ci} | ${cell(beside)} | ${x.samples} |`);
  }
  lines.push('');
  for (const r of calibrations) lines.push(`- \`${r.id}\`: ${r.result.detail}`);
  lines.push('');
  return lines;
}

/** A strip: the tolerance band around the expected value, the expected tick and the simulated CI. */
function strip(r: CheckReport): string {
  const x = r.result;
  if (!Number.isFinite(x.expected) || !Number.isFinite(x.simulated)) return '';
  let lo: number, hi: number;
  if (x.basis.kind === 'standard-error') {
    lo = x.expected - x.basis.k * x.basis.standardError;
    hi = x.expected + x.basis.k * x.basis.standardError;
  } else if (x.basis.kind === 'exceeds') {
    // The passing region is open above: shade from the threshold to the right edge of the strip.
    lo = x.expected + x.basis.k * x.basis.standardError;
    hi = Math.max(lo, x.simulated, ...(x.ci95 ?? []));
  } else if (x.basis.kind === 'relative') {
    lo = x.expected * (1 - x.basis.fraction);
    hi = x.expected * (1 + x.basis.fraction);
  } else if (x.basis.kind === 'order-of-magnitude') {
    lo = x.expected / 10 ** x.basis.decades;
    hi = x.expected * 10 ** x.basis.decades;
  } else {
    lo = hi = x.expected;
  }
  const pts = [lo, hi, x.expected, x.simulated, ...(x.ci95 ?? [])];
  let min = Math.min(...pts), max = Math.max(...pts);
  if (max === min) { min -= 1; max += 1; }
  const pad = (max - min) * 0.1;
  min -= pad; max += pad;
  const W = 220, H = 22;
  const sx = (v: number) => ((v - min) / (max - min)) * W;
  const ci = x.ci95 === undefined ? '' : `<line x1="${sx(x.ci95[0]).toFixed(1)}" x2="${sx(x.ci95[1]).toFixed(1)}" y1="11" y2="11" stroke="#333" stroke-width="2"/>`;
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="expected ${fmt(x.expected)}, simulated ${fmt(x.simulated)}">` +
    `<rect x="${sx(lo).toFixed(1)}" y="3" width="${Math.max(1, sx(hi) - sx(lo)).toFixed(1)}" height="16" fill="${x.passed ? '#d9f0d9' : '#f6d5d5'}"/>` +
    `<line x1="${sx(x.expected).toFixed(1)}" x2="${sx(x.expected).toFixed(1)}" y1="1" y2="21" stroke="#1f5fa8" stroke-width="2"/>` +
    ci + `<circle cx="${sx(x.simulated).toFixed(1)}" cy="11" r="3.5" fill="${x.passed ? '#2a7d2a' : '#b32020'}"/></svg>`;
}

export function renderHtml(results: ValidationResults): string {
  const reports = results.checks;
  const failed = results.summary.failed;
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>iomtsim validation</title>',
    '<style>body{font:14px/1.4 DejaVu Sans,system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}',
    'td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:middle;text-align:left}th{background:#f3f3f3}',
    '.pass{color:#2a7d2a;font-weight:bold}.calib{color:#555;font-style:italic}.fail{color:#b32020;font-weight:bold}.num{text-align:right;font-variant-numeric:tabular-nums}small{color:#555}</style></head><body>',
    '<h1>iomtsim validation report</h1>',
    `<p>${reports.length} checks${subsetNote(results)}: <span class="pass">${results.summary.passed} passed</span>, <span class="${failed > 0 ? 'fail' : 'pass'}">${failed} failed</span>${results.calibrations.length > 0 ? `; ${results.calibrations.length} calibrations reported apart (not counted)` : ''}. `,
    'Each strip shows the tolerance band (shaded), the expected value (blue tick) and the simulated value with its 95 % interval.</p>',
  ];
  for (const [g, rs] of groups(reports)) {
    parts.push(`<h2>${esc(g)}</h2><table><tr><th></th><th>check</th><th>reference</th><th>expected</th><th>simulated</th><th>95 % CI</th><th>tolerance</th><th>alongside</th><th>expected vs simulated</th></tr>`);
    for (const r of rs) {
      const x = r.result;
      const ci = x.ci95 === undefined ? '' : `[${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`;
      const beside = x.alongside === undefined ? '' : Object.entries(x.alongside).map(([k, v]) => `${esc(k)}: ${fmt(v)}`).join('<br>');
      const passed = r.status === 'pass';
      parts.push(`<tr><td class="${passed ? 'pass' : 'fail'}">${passed ? 'pass' : 'FAIL'}</td><td>${esc(r.title)}<br><small>${esc(r.id)} · ${esc(x.detail)}</small></td>` +
        `<td><small>${esc(r.reference)}</small></td><td class="num">${fmt(x.expected)} ${esc(x.unit)}</td><td class="num">${fmt(x.simulated)} ${esc(x.unit)}</td>` +
        `<td class="num">${ci}</td><td>${esc(toleranceOf(x.basis))}</td><td><small>${beside}</small></td><td>${strip(r)}</td></tr>`);
    }
    parts.push('</table>');
  }
  if (results.calibrations.length > 0) parts.push(calibrationsHtml(results.calibrations));
  parts.push('</body></html>');
  return parts.join('\n');
}

function calibrationsHtml(calibrations: readonly CalibrationReport[]): string {
  const rows = calibrations.map((r) => {
    const x = r.result;
    const ci = x.ci95 === undefined ? '' : `[${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`;
    const beside = x.alongside === undefined ? '' : Object.entries(x.alongside).map(([k, v]) => `${esc(k)}: ${fmt(v)}`).join('<br>');
    return `<tr><td class="calib">calibration</td><td>${esc(r.title)}<br><small>${esc(r.id)} · ${esc(x.detail)}</small></td><td><small>${esc(r.reference)}</small></td>` +
      `<td><small>${esc(r.calibrated)}</small></td><td class="num">${fmt(x.published)} ${esc(x.unit)}</td><td class="num">${fmt(x.simulated)} ${esc(x.unit)}</td>` +
      `<td class="num">${ci}</td><td><small>${beside}</small></td></tr>`;
  });
  return [
    `<h2>Calibrations (not counted)</h2><p>${esc(CALIBRATION_NOTE)}</p>`,
    '<table><tr><th></th><th>calibration</th><th>published figure</th><th>fitted input</th><th>published</th><th>simulated</th><th>95 % CI</th><th>alongside</th></tr>',
    ...rows,
    '</table>',
  ].join('\n');
}
