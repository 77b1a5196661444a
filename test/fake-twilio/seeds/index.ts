import type { GeneratedSeed, SeedData, SeedName } from '../types';
import { demoSeed } from './demo';
import { emptySeed } from './empty';
import { generatedSeed } from './generated';

/** A seed as a function of "now", so reset can rebuild it relative to the current fake clock. */
export function seedFactory(seed: SeedName | GeneratedSeed): (now: number) => SeedData {
  if (seed === 'demo') return demoSeed;
  if (seed === 'empty') return emptySeed;
  return (now) => generatedSeed(seed, now);
}
