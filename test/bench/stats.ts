/** Order statistics for the benchmark's samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Metric {
  name: string;
  median: number;
  unit: string;
  limit: number;
  /** The goal's statistic (median, or p95 where the goal says so) divided by the limit. */
  ratio: number;
  goal: string;
  p95?: number;
  samples: number;
  met: boolean;
  /** How the limit was obtained, when it is measured rather than a constant. */
  limitBasis?: string;
}
