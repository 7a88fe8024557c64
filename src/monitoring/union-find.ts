/**
 * Disjoint sets over dense indices in one Int32Array (4 bytes per element): parent[i] ≥ 0 is i's
 * parent; parent[i] < 0 marks a root whose set has −parent[i] elements. Union by size and path
 * halving give near-constant amortized operations (Tarjan & van Leeuwen, JACM 31 (1984) 245–281).
 */
export class UnionFind {
  parent: Int32Array;

  constructor(capacity: number) {
    this.parent = new Int32Array(capacity).fill(-1);
  }

  get capacity(): number {
    return this.parent.length;
  }

  find(x: number): number {
    const parent = this.parent;
    for (;;) {
      const p = parent[x]!;
      if (p < 0) return x;
      const grandparent = parent[p]!;
      if (grandparent < 0) return p;
      parent[x] = grandparent; // path halving
      x = grandparent;
    }
  }

  /** Joins two roots; the larger set's root stays root and is returned. */
  unionRoots(rootA: number, rootB: number): number {
    const parent = this.parent;
    if (parent[rootA]! > parent[rootB]!) {
      const swap = rootA;
      rootA = rootB;
      rootB = swap;
    }
    parent[rootA]! += parent[rootB]!;
    parent[rootB] = rootA;
    return rootA;
  }

  /** Joins the sets of a and b; returns the new root, or −1 if they were already one set. */
  union(a: number, b: number): number {
    const rootA = this.find(a);
    const rootB = this.find(b);
    return rootA === rootB ? -1 : this.unionRoots(rootA, rootB);
  }

  /** Size of the set whose root is `root`. */
  sizeOfRoot(root: number): number {
    return -this.parent[root]!;
  }

  reset(): void {
    this.parent.fill(-1);
  }

  grow(capacity: number): void {
    if (capacity <= this.parent.length) return;
    const next = new Int32Array(capacity).fill(-1);
    next.set(this.parent);
    this.parent = next;
  }
}
