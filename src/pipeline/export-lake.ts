import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { copyToParquetSql, lakeTables } from '../sql/lake-layout.js';
import { qualified, sqlString } from '../sql/quote.js';
import { copyStarToDuckdb } from './copy-star-to-duckdb.js';

export interface LakeTableResult {
  table: string;
  /** Rows in the warehouse, and rows read back from the Parquet files written. */
  rows: number;
  files: number;
  partitions: string[];
}

export interface ExportResult {
  out: string;
  format: 'parquet';
  tables: LakeTableResult[];
}

/**
 * Writes the star schema as a Parquet lake laid out as the Spark version of the project does
 * (hive partitions, readable by DuckDB, Spark and Athena), to a folder or an s3:// prefix. On
 * DuckDB its own COPY … PARTITION_BY writes it; from PostgreSQL or Redshift the rows stream
 * into an in-memory DuckDB first. Every table's rows are read back from the files and must
 * equal the warehouse's, or the export fails.
 */
export async function exportLake(warehouse: Warehouse, config: Config, out: string, onTable?: (table: string) => void): Promise<ExportResult> {
  const toS3 = out.startsWith('s3://');
  const location = toS3 ? (await import('../s3/url.js')).parseS3Url(out) : undefined;
  const dir = toS3 ? await mkdtemp(join(tmpdir(), 'sparkify-lake-')) : resolve(out);
  const engine = warehouse.target === 'duckdb' ? warehouse : await copyStarToDuckdb(warehouse, config);
  try {
    const tables: LakeTableResult[] = [];
    for (const table of lakeTables) {
      onTable?.(table.name);
      await mkdir(join(dir, table.name), { recursive: true });
      await engine.run(copyToParquetSql(qualified(engine.schema, table.name), table, dir, sqlString));
      const [expected] = await warehouse.query(`SELECT COUNT(*) AS n FROM ${qualified(warehouse.schema, table.name)}`);
      const glob = `${dir}/${table.name}/**/*.parquet`;
      const [written] = await engine.query(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT filename) AS files FROM read_parquet(${sqlString(glob)}, hive_partitioning = true, filename = true)`,
      );
      const rows = Number(written?.n ?? 0);
      if (rows !== Number(expected?.n ?? 0)) {
        throw new SparkifyError(
          'ENGINE',
          `the Parquet files of ${table.name} hold ${rows} rows but the warehouse has ${Number(expected?.n)} — the export is incomplete; run it again`,
        );
      }
      const parts = table.partitionBy.length === 0 ? [] : await partitions(engine, dir, table.name, table.partitionBy);
      tables.push({ table: table.name, rows, files: Number(written?.files ?? 0), partitions: parts });
    }
    if (location) {
      const [{ openS3 }, { uploadDir }] = await Promise.all([import('../s3/client.js'), import('../s3/upload-dir.js')]);
      const access = await openS3(config);
      try {
        await uploadDir(access, dir, location);
      } finally {
        access.client.destroy();
      }
    }
    return { out: toS3 ? out : dir, format: 'parquet', tables };
  } finally {
    if (engine !== warehouse) await engine.close();
    if (toS3) await rm(dir, { recursive: true, force: true });
  }
}

/** The partition folders written for a table (`year=2018/month=11`, …), sorted. */
async function partitions(engine: Warehouse, dir: string, table: string, by: string[]): Promise<string[]> {
  const root = `${dir}/${table}/`;
  const rows = await engine.query(`SELECT DISTINCT filename FROM read_parquet(${sqlString(`${root}**/*.parquet`)}, filename = true)`);
  const folders = new Set(rows.map((r) => String(r.filename).slice(root.length).split('/').slice(0, by.length).join('/')));
  return [...folders].sort();
}
