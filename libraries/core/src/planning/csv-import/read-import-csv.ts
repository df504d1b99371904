import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '@herald/shared';
import { AppError } from '../../common/app-error';

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One data row: the line of the file it starts on, and its cells by column (missing cells are empty). */
export interface ImportCsvRow {
  line: number;
  cells: Record<ImportColumn, string>;
}

const REQUIRED: readonly ImportColumn[] = ['date', 'channels', 'content'];
const MAX_CELL = 100_000;

function isColumn(name: string): name is ImportColumn {
  return (IMPORT_COLUMNS as readonly string[]).includes(name);
}

function invalid(message: string): AppError {
  return AppError.badRequest('invalid_csv', message);
}

/**
 * Reads an import file as it arrives (csv-parse's stream): a header naming the columns (any order and case), then
 * at most IMPORT_MAX_ROWS rows. Stops reading, and refuses the file, at the first row too many.
 */
export async function readImportCsv(source: Readable): Promise<ImportCsvRow[]> {
  const parser = source.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_CELL }));
  source.on('error', (error) => parser.destroy(error));
  let columns: (ImportColumn | undefined)[] | undefined;
  const rows: ImportCsvRow[] = [];
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = chunk;
      // A quoted cell may span lines: the row starts as many lines up as it holds line breaks.
      const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (!columns) {
        columns = readHeader(record);
        continue;
      }
      if (rows.length === IMPORT_MAX_ROWS) throw AppError.badRequest('too_many_rows', `A file may hold at most ${IMPORT_MAX_ROWS} rows; split it in several.`);
      const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as Record<ImportColumn, string>;
      record.forEach((value, index) => {
        const column = columns?.[index];
        if (column) cells[column] = value;
      });
      rows.push({ line, cells });
    }
  } catch (error) {
    source.resume();
    if (error instanceof AppError) throw error;
    const where = (error as { lines?: unknown }).lines;
    throw invalid(`The file is not valid CSV${typeof where === 'number' ? ` (line ${where})` : ''}: ${error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, '') : 'unreadable'}`);
  } finally {
    parser.destroy();
  }
  if (!columns) throw invalid(`The file is empty: its first line must name the columns (${IMPORT_COLUMNS.join(', ')}).`);
  return rows;
}

function readHeader(record: readonly string[]): (ImportColumn | undefined)[] {
  const names = record.map((cell) => cell.trim().toLowerCase());
  const unknown = names.filter((name) => name !== '' && !isColumn(name));
  if (unknown.length > 0) throw invalid(`Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. The columns are ${IMPORT_COLUMNS.join(', ')}.`);
  const repeated = names.filter((name, i) => name !== '' && names.indexOf(name) !== i);
  if (repeated.length > 0) throw invalid(`The column ${repeated[0]} appears twice.`);
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) throw invalid(`The first line must name the columns; missing: ${missing.join(', ')}.`);
  return names.map((name) => (isColumn(name) ? name : undefined));
}
