// Lays out the dependency graph (teams as nodes, dependencies as arrows) with dagre, the
// long-standing layered-graph layout library. The module is passed in rather than imported, so
// dagre (~17 KB gzip) loads on demand (`loadDagre`) and stays out of the board's first load.
import type * as DagreModule from '@dagrejs/dagre'

export type Dagre = typeof DagreModule

export function loadDagre(): Promise<Dagre> {
  return import('@dagrejs/dagre')
}

export type NodeFlag = 'none' | 'no-owner' | 'many-owners'
export type EdgeKind = 'active' | 'cycle' | 'overdue' | 'inactive'

export interface GraphNode {
  id: string
  label: string
  flag: NodeFlag
}

export interface GraphEdge {
  id: string
  from: string
  to: string
  kind: EdgeKind
  /** Read on hover and by screen readers: "Sales needs … from Product by …". */
  title: string
}

export interface PlacedNode extends GraphNode {
  x: number
  y: number
  width: number
  height: number
}

export interface PlacedEdge extends GraphEdge {
  /** SVG path data from the source node's border to the target's. */
  d: string
}

export interface GraphLayout {
  width: number
  height: number
  nodes: PlacedNode[]
  edges: PlacedEdge[]
}

const NODE_HEIGHT = 46
const CHAR_WIDTH = 7.6
const MARGIN = 16

/** Node width for a label, so names fit at 13px without measuring text. */
export function nodeWidth(label: string): number {
  return Math.round(Math.min(220, Math.max(96, label.length * CHAR_WIDTH + 28)))
}

/** A smooth path through dagre's points: quadratic curves through the midpoints. */
export function pathThrough(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return ''
  const f = (n: number) => Math.round(n * 10) / 10
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!
    const next = points[i + 1]!
    d += ` Q${f(p.x)},${f(p.y)} ${f((p.x + next.x) / 2)},${f((p.y + next.y) / 2)}`
  }
  const last = points[points.length - 1]!
  if (points.length > 1) d += ` L${f(last.x)},${f(last.y)}`
  return d
}

/**
 * Positions for every node and a path for every edge. Deterministic for the same input (nodes
 * and edges are given in board order), so every screen draws the same picture. Several
 * dependencies between the same two teams are separate arrows.
 */
export function layoutGraph(
  dagre: Dagre,
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({
    rankdir: 'LR',
    nodesep: 22,
    ranksep: 80,
    edgesep: 14,
    marginx: MARGIN,
    marginy: MARGIN,
  })
  g.setDefaultEdgeLabel(() => ({}))
  for (const n of nodes) g.setNode(n.id, { width: nodeWidth(n.label), height: NODE_HEIGHT })
  for (const e of edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to, {}, e.id)
  dagre.layout(g)
  const graph = g.graph()
  const placed: PlacedNode[] = nodes.map((n) => {
    const v = g.node(n.id)
    return { ...n, x: v.x ?? 0, y: v.y ?? 0, width: v.width, height: v.height }
  })
  const laidEdges: PlacedEdge[] = []
  for (const e of edges) {
    if (!g.hasNode(e.from) || !g.hasNode(e.to)) continue
    const label = g.edge({ v: e.from, w: e.to, name: e.id }) as {
      points?: { x: number; y: number }[]
    }
    laidEdges.push({ ...e, d: pathThrough(label.points ?? []) })
  }
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: placed,
    edges: laidEdges,
  }
}

interface TeamLike {
  id: string
  name: string
  ownerIds: readonly string[]
}
interface DependencyLike {
  id: string
  from: string
  to: string
  what: string
  fromName: string
  toName: string
  status: string
  milestone: { name: string } | null
}
interface ChecksLike {
  cycles: readonly { dependencyIds: readonly string[] }[]
  pastMilestone: readonly { id: string }[]
}

/**
 * The graph the board draws, from the model's views: a flag on teams without exactly one owner,
 * and each dependency's kind (in a cycle first, then overdue, then done/dropped or active).
 */
export function graphInput(
  teams: readonly TeamLike[],
  dependencies: readonly DependencyLike[],
  checks: ChecksLike,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const inCycle = new Set(checks.cycles.flatMap((c) => c.dependencyIds))
  const late = new Set(checks.pastMilestone.map((d) => d.id))
  const nodes = teams.map((t) => ({
    id: t.id,
    label: t.name,
    flag: (t.ownerIds.length === 0
      ? 'no-owner'
      : t.ownerIds.length > 1
        ? 'many-owners'
        : 'none') as NodeFlag,
  }))
  const edges = [...dependencies]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => ({
      id: d.id,
      from: d.from,
      to: d.to,
      kind: (inCycle.has(d.id)
        ? 'cycle'
        : late.has(d.id)
          ? 'overdue'
          : d.status === 'done' || d.status === 'dropped'
            ? 'inactive'
            : 'active') as EdgeKind,
      title: `${d.fromName} needs ${d.what} from ${d.toName}${d.milestone ? ` by ${d.milestone.name}` : ''} (${d.status})`,
    }))
  return { nodes, edges }
}
