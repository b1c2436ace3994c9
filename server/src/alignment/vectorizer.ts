import { ngrams } from './text.js';

/** A sparse TF-IDF vector, L2-normalised: n-gram → weight. */
export type SparseVector = Map<string, number>;

/**
 * TF-IDF over character n-grams, fitted on a corpus of documents. Document frequency is what makes
 * 食品安全 (in every task) weigh nothing and 明厨亮灶 (in the campus tasks only) weigh much.
 */
export class Vectorizer {
  private readonly documentFrequency = new Map<string, number>();
  private documents = 0;

  /** Counts each document's distinct n-grams; call once per document before `vector`. */
  add(text: string): void {
    this.documents++;
    for (const gram of new Set(ngrams(text))) {
      this.documentFrequency.set(gram, (this.documentFrequency.get(gram) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.documents;
  }

  /** How many documents hold the n-gram. */
  frequency(gram: string): number {
    return this.documentFrequency.get(gram) ?? 0;
  }

  /** Inverse document frequency, smoothed so an n-gram in every document still weighs a little. */
  idf(gram: string): number {
    return Math.log((this.documents + 1) / (this.frequency(gram) + 1)) + 0.1;
  }

  /** Sublinear term frequency times IDF, normalised to length 1. */
  vector(text: string): SparseVector {
    const counts = new Map<string, number>();
    for (const gram of ngrams(text)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    const vector: SparseVector = new Map();
    let norm = 0;
    for (const [gram, count] of counts) {
      const weight = (1 + Math.log(count)) * this.idf(gram);
      vector.set(gram, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [gram, weight] of vector) vector.set(gram, weight / norm);
    return vector;
  }
}

/** Cosine of two L2-normalised vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [gram, weight] of small) {
    const other = large.get(gram);
    if (other !== undefined) sum += weight * other;
  }
  return Math.min(1, sum);
}
