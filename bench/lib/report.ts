// The shape every benchmark row takes in `npm run bench`, and number formatting.

export type Row = {
  name: string;
  /** The measured figure, formatted with its unit. */
  figure: string;
  /** The same-run baseline, formatted (or "-"). */
  baseline: string;
  /** figure / baseline when that means something; null otherwise. */
  ratio: number | null;
  target: string;
  pass: boolean;
  /** Extra lines printed under the table. */
  details?: string[];
};

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export const MB = 1_000_000;

// Sizes of test files are binary (1 GiB = 2^30 bytes); rates and memory are decimal MB,
// as the targets are stated ("300 MB").
export const mbPerSec = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
export const fmtMBs = (v: number) => `${v.toFixed(1)} MB/s`;
export const fmtMB = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
export const fmtSize = (bytes: number) => (bytes % GiB === 0 ? `${bytes / GiB} GiB` : `${bytes / MiB} MiB`);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
