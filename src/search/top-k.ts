/** The `k` ids with the highest scores, best first (ties by lower id), without sorting every candidate. */
export function topK(
  ids: ArrayLike<number>,
  count: number,
  scoreOf: (id: number) => number,
  k: number,
): number[] {
  if (k <= 0) return [];
  // A min-heap of size k: its root is the weakest of the best seen so far.
  const heap: number[] = [];
  const weaker = (a: number, b: number): boolean => {
    const sa = scoreOf(a);
    const sb = scoreOf(b);
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < heap.length && weaker(heap[left]!, heap[weakest]!)) weakest = left;
      if (right < heap.length && weaker(heap[right]!, heap[weakest]!)) weakest = right;
      if (weakest === i) return;
      [heap[i], heap[weakest]] = [heap[weakest]!, heap[i]!];
      i = weakest;
    }
  };
  for (let n = 0; n < count; n++) {
    const id = ids[n]!;
    if (heap.length < k) {
      heap.push(id);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!weaker(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (weaker(heap[0]!, id)) {
      heap[0] = id;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (weaker(a, b) ? 1 : weaker(b, a) ? -1 : 0));
}
