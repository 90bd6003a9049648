/**
 * A strict reader of RFC 4180 CSV for tests, written apart from the writers it checks: a header
 * row, every record with as many fields as the header, quoted fields (commas, doubled quotes and
 * line breaks inside), LF or CRLF line ends. What it accepts, pandas.read_csv and DuckDB's
 * read_csv load in one call with their defaults.
 */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
}

export function parseCsvStrict(text: string): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      // A quoted field runs to the next quote not followed by another.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      if (i < text.length && !',\r\n'.includes(text[i] as string)) throw new Error(`text after a closing quote at offset ${i}`);
      continue;
    }
    if (c === '"') throw new Error(`a quote inside an unquoted field at offset ${i}`);
    if (c === ',') { record.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...rows] = records;
  if (header === undefined) throw new Error('no header row');
  if (new Set(header).size !== header.length) throw new Error(`repeated column names in ${header.join(',')}`);
  rows.forEach((row, k) => {
    if (row.length !== header.length) throw new Error(`record ${k + 2} has ${row.length} fields, the header ${header.length}`);
  });
  return { header, rows };
}
