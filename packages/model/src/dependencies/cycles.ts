import { compareStrings } from '../core/compare.js'

/**
 * Cycles in a "needs" graph: each strongly connected component with more than one team is one
 * knot of mutual waiting. For each, one shortest cycle through its smallest team id is named
 * (enumerating every cycle can be exponential; breaking the named one shows the next). The
 * result depends only on the set of edges, never on the order they were given in.
 */
export interface GraphCycle {
  /** The cycle in "needs" order, starting at the knot's smallest id; the first is not repeated. */
  nodes: string[]
  /** Every node of the knot (sorted), which may hold further cycles. */
  component: string[]
}

export function findCycles(edges: Iterable<readonly [string, string]>): GraphCycle[] {
  const adj = new Map<string, Set<string>>()
  for (const [from, to] of edges) {
    if (from === to) continue
    let s = adj.get(from)
    if (!s) adj.set(from, (s = new Set()))
    s.add(to)
    if (!adj.has(to)) adj.set(to, new Set())
  }
  const nodes = [...adj.keys()].sort(compareStrings)
  const succ = new Map<string, string[]>()
  for (const n of nodes) succ.set(n, [...adj.get(n)!].sort(compareStrings))

  const components = stronglyConnected(nodes, succ).filter((c) => c.length > 1)
  const cycles = components.map((component) => {
    const members = new Set(component)
    const start = component[0]!
    return { nodes: shortestCycle(start, succ, members), component }
  })
  return cycles.sort((a, b) => compareStrings(a.nodes[0]!, b.nodes[0]!))
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. Components sorted. */
function stronglyConnected(nodes: string[], succ: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const out: string[][] = []
  let counter = 0
  for (const root of nodes) {
    if (index.has(root)) continue
    const work: [string, number][] = [[root, 0]]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length) {
      const frame = work[work.length - 1]!
      const [v, i] = frame
      const next = succ.get(v)!
      if (i < next.length) {
        frame[1] = i + 1
        const w = next[i]!
        if (!index.has(w)) {
          index.set(w, counter)
          low.set(w, counter++)
          stack.push(w)
          onStack.add(w)
          work.push([w, 0])
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, index.get(w)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!))
      if (low.get(v) === index.get(v)) {
        const comp: string[] = []
        let w: string
        do {
          w = stack.pop()!
          onStack.delete(w)
          comp.push(w)
        } while (w !== v)
        out.push(comp.sort(compareStrings))
      }
    }
  }
  return out
}

/** Breadth-first from `start` inside the component, back to `start`. */
function shortestCycle(start: string, succ: Map<string, string[]>, members: Set<string>): string[] {
  const prev = new Map<string, string>()
  const queue = [start]
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi]!
    for (const w of succ.get(u)!) {
      if (!members.has(w)) continue
      if (w === start) {
        const path = [u]
        while (path[path.length - 1] !== start) path.push(prev.get(path[path.length - 1]!)!)
        return path.reverse()
      }
      if (!prev.has(w)) {
        prev.set(w, u)
        queue.push(w)
      }
    }
  }
  return [start]
}
