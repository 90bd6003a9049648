/**
 * A message-sequence chart of a run's first decisions as SVG: one lifeline per consensus replica,
 * time downwards, an arrow per message between replicas from its departure to its handling,
 * coloured by kind, and a dot where a replica committed. It shows how a protocol reaches a decision
 * (PBFT's pre-prepare, prepare, commit among n replicas) with the latencies the run drew.
 */
import type { CommitMark, Flow } from './recorder.ts';

export interface SequenceChartInput {
  readonly lanes: readonly { readonly host: number; readonly label: string }[];
  readonly flows: readonly Flow[];
  readonly commits: readonly CommitMark[];
  /** How many decisions (distinct committed heights) to show. */
  readonly decisions: number;
  /** The traced window, the time axis of a chart with nothing in it. */
  readonly fromUs: number;
  readonly toUs: number;
}

export interface ChartArrow {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  readonly departUs: number;
  readonly deliverUs: number;
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d', '#bab0ac', '#eeca3b', '#ff9da6'];
const LANE_GAP = 150;
const LEFT = 90;
const TOP = 70;
const PLOT_HEIGHT = 620;
/** A chart of thousands of arrows is unreadable; the first decisions need far fewer. */
const MAX_ARROWS = 400;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The arrows the chart draws: delivered messages between replicas sent before the last replica
 * committed the `decisions`-th height, in departure order, at most MAX_ARROWS of them (`messages`
 * says how many there were; the commits shown are then those the drawn arrows reach).
 */
export function chartArrows(input: SequenceChartInput): { arrows: ChartArrow[]; messages: number; endUs: number; commits: CommitMark[]; heights: number[] } {
  const laneHosts = new Set(input.lanes.map((l) => l.host));
  const commits = input.commits.filter((c) => laneHosts.has(c.host));
  const heights = [...new Set(commits.map((c) => c.height))].sort((a, b) => a - b).slice(0, input.decisions);
  const shown = commits.filter((c) => heights.includes(c.height));
  const endUs = shown.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...shown.map((c) => c.timeUs));
  const messages = input.flows
    .filter((f): f is Flow & { deliverUs: number } => f.deliverUs !== null && laneHosts.has(f.from) && laneHosts.has(f.to) && f.from !== f.to && f.departUs <= endUs)
    .sort((a, b) => a.departUs - b.departUs || a.id - b.id);
  const arrows = messages.slice(0, MAX_ARROWS).map((f) => ({ from: f.from, to: f.to, name: f.name, departUs: f.departUs, deliverUs: f.deliverUs }));
  if (messages.length <= MAX_ARROWS) return { arrows, messages: messages.length, endUs, commits: shown, heights };
  const lastDrawnUs = Math.max(...arrows.map((a) => a.deliverUs));
  return { arrows, messages: messages.length, endUs, commits: shown.filter((c) => c.timeUs <= lastDrawnUs), heights };
}

/**
 * What the chart shows, for its title: which decisions, from when. A window that starts late
 * shows later heights than a run's first; the title says which.
 */
function decisionsShown(heights: readonly number[], fromUs: number): string {
  if (heights.length === 0) return 'no decision';
  const first = heights[0]!;
  const last = heights[heights.length - 1]!;
  const which = first === last ? `height ${first}` : `heights ${first}-${last}`;
  return `the first ${heights.length === 1 ? 'decision' : `${heights.length} decisions`} from ${fromUs / 1e6} s (${which})`;
}

/** The chart, titled `${subject}: ` and which decisions it shows from when. */
export function sequenceChartSvg(input: SequenceChartInput, subject: string): string {
  const { arrows, messages, commits, heights } = chartArrows(input);
  const decisions = heights.length;
  const title = `${subject}: ${decisionsShown(heights, input.fromUs)}`;
  const laneX = new Map(input.lanes.map((l, i) => [l.host, LEFT + i * LANE_GAP]));
  const times = [...arrows.flatMap((a) => [a.departUs, a.deliverUs]), ...commits.map((c) => c.timeUs)];
  const t0 = times.length === 0 ? input.fromUs : Math.min(...times);
  const t1 = times.length === 0 ? Math.max(input.toUs, t0 + 1) : Math.max(...times, t0 + 1);
  const y = (t: number): number => TOP + ((t - t0) / (t1 - t0)) * PLOT_HEIGHT;
  const kinds = [...new Set(arrows.map((a) => a.name))];
  const colour = new Map(kinds.map((k, i) => [k, PALETTE[i % PALETTE.length]!]));
  const width = Math.max(720, LEFT + Math.max(1, input.lanes.length) * LANE_GAP);
  const legendTop = TOP + PLOT_HEIGHT + 40;
  const height = legendTop + 22 * Math.ceil(kinds.length / 3) + 20;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif" font-size="13">`);
  parts.push(`<defs>${kinds.map((k) => `<marker id="arrow-${kinds.indexOf(k)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${colour.get(k)}"/></marker>`).join('')}</defs>`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="12" y="24" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
  // Fewer decisions committed in the window than asked for (none where it closes before the first):
  // said, so that the title's count is not read as drawn.
  if (decisions < input.decisions) parts.push(`<text class="shortfall" x="12" y="44" font-size="12" fill="#b00">${decisions === 0 ? 'no decision' : `${decisions} of the ${input.decisions} decisions asked for`} committed in the traced window (${(input.fromUs / 1000).toFixed(3)}-${(input.toUs / 1000).toFixed(3)} ms)</text>`);
  parts.push(`<text x="12" y="${TOP - 6}" font-size="11" fill="#555">${(t0 / 1000).toFixed(3)} ms</text>`);
  parts.push(`<text x="12" y="${TOP + PLOT_HEIGHT + 4}" font-size="11" fill="#555">${(t1 / 1000).toFixed(3)} ms</text>`);
  for (const lane of input.lanes) {
    const x = laneX.get(lane.host)!;
    parts.push(`<text x="${x}" y="${TOP - 22}" text-anchor="middle" font-weight="bold">${escapeXml(lane.label)}</text>`);
    parts.push(`<line x1="${x}" y1="${TOP - 12}" x2="${x}" y2="${TOP + PLOT_HEIGHT}" stroke="#999" stroke-dasharray="4 3"/>`);
  }
  for (const a of arrows) {
    const k = kinds.indexOf(a.name);
    parts.push(
      `<line class="message" data-kind="${escapeXml(a.name)}" data-from="${a.from}" data-to="${a.to}" data-depart-us="${a.departUs}" data-deliver-us="${a.deliverUs}" x1="${laneX.get(a.from)}" y1="${y(a.departUs).toFixed(1)}" x2="${laneX.get(a.to)}" y2="${y(a.deliverUs).toFixed(1)}" stroke="${colour.get(a.name)}" stroke-width="1.3" marker-end="url(#arrow-${k})"><title>${escapeXml(a.name)}: host ${a.from} → ${a.to}, ${((a.deliverUs - a.departUs) / 1000).toFixed(3)} ms</title></line>`,
    );
  }
  for (const c of commits) {
    parts.push(`<circle class="commit" data-host="${c.host}" data-height="${c.height}" cx="${laneX.get(c.host)}" cy="${y(c.timeUs).toFixed(1)}" r="5" fill="black"><title>commit height ${c.height} at ${(c.timeUs / 1000).toFixed(3)} ms</title></circle>`);
  }
  kinds.forEach((k, i) => {
    const x = 12 + (i % 3) * 230;
    const yy = legendTop + Math.floor(i / 3) * 22;
    parts.push(`<line x1="${x}" y1="${yy}" x2="${x + 30}" y2="${yy}" stroke="${colour.get(k)}" stroke-width="3"/><text x="${x + 38}" y="${yy + 4}">${escapeXml(k)}</text>`);
  });
  parts.push(`<text x="12" y="${legendTop - 16}" font-size="11" fill="#555">● commit${arrows.length < messages ? `; the first ${arrows.length} of ${messages} messages between replicas are drawn, and the commits they reach (trace.json has them all; fewer --decisions or fewer replicas draw fewer)` : ''}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
