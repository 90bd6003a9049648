/**
 * Text widths from the font file's own advance widths (TrueType `cmap` format 4 and `hmtx`
 * tables, OpenType spec §cmap, §hmtx). Vega lays out axes, legends and titles from text widths;
 * without a canvas it guesses 0.8 em per character, which is far wider than DejaVu Sans and
 * leaves lopsided margins. Measuring with the very file resvg draws with keeps layout and pixels
 * in agreement. Kerning is ignored (a fraction of a pixel per pair).
 */
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  /** Width in px of `text` set at `fontSizePx`. */
  width(text: string, fontSizePx: number): number;
}

interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

function tables(view: DataView): Map<string, TableRecord> {
  const count = view.getUint16(4);
  const records = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    records.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return records;
}

function required(records: Map<string, TableRecord>, tag: string, path: string): TableRecord {
  const record = records.get(tag);
  if (record === undefined) throw new Error(`${path}: font has no '${tag}' table`);
  return record;
}

/** The Unicode BMP subtable (platform 3 encoding 1, or platform 0) in format 4. */
function format4Offset(view: DataView, cmap: TableRecord, path: string): number {
  const count = view.getUint16(cmap.offset + 2);
  for (let i = 0; i < count; i++) {
    const at = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const subtable = cmap.offset + view.getUint32(at + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (view.getUint16(subtable) === 4) return subtable;
    }
  }
  throw new Error(`${path}: font has no Unicode format-4 cmap subtable`);
}

export function loadFontMetrics(path: string): FontMetrics {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = tables(view);
  const unitsPerEm = view.getUint16(required(records, 'head', path).offset + 18);
  const metricCount = view.getUint16(required(records, 'hhea', path).offset + 34);
  const hmtx = required(records, 'hmtx', path).offset;
  const sub = format4Offset(view, required(records, 'cmap', path), path);
  const segCount = view.getUint16(sub + 6) / 2;
  const endCodes = sub + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;

  const glyphOf = (code: number): number => {
    for (let s = 0; s < segCount; s++) {
      if (code > view.getUint16(endCodes + s * 2)) continue;
      const start = view.getUint16(startCodes + s * 2);
      if (code < start) return 0;
      const delta = view.getInt16(idDeltas + s * 2);
      const rangeAt = idRangeOffsets + s * 2;
      const rangeOffset = view.getUint16(rangeAt);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const glyph = view.getUint16(rangeAt + rangeOffset + (code - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  const advanceEm = new Map<number, number>();
  const advanceOf = (code: number): number => {
    let em = advanceEm.get(code);
    if (em === undefined) {
      const glyph = Math.min(glyphOf(code), metricCount - 1);
      em = view.getUint16(hmtx + glyph * 4) / unitsPerEm;
      advanceEm.set(code, em);
    }
    return em;
  };
  return {
    width(text: string, fontSizePx: number): number {
      let em = 0;
      for (const char of text) em += advanceOf(char.codePointAt(0) as number);
      return em * fontSizePx;
    },
  };
}
