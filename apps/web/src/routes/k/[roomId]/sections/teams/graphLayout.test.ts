import * as dagre from '@dagrejs/dagre'
import { describe, expect, it } from 'vitest'
import {
  graphInput,
  layoutGraph,
  nodeWidth,
  pathThrough,
  type GraphEdge,
  type GraphNode,
} from './graphLayout'

const node = (id: string): GraphNode => ({ id, label: id.toUpperCase(), flag: 'none' })
const edge = (id: string, from: string, to: string): GraphEdge => ({
  id,
  from,
  to,
  kind: 'active',
  title: `${from} needs something from ${to}`,
})

describe('layoutGraph', () => {
  it('places every team and draws every dependency, two between the same teams included', () => {
    const nodes = ['sales', 'product', 'eng'].map(node)
    const edges = [
      edge('d1', 'sales', 'product'),
      edge('d2', 'sales', 'product'),
      edge('d3', 'product', 'eng'),
      edge('d4', 'eng', 'sales'), // a cycle
    ]
    const g = layoutGraph(dagre, nodes, edges)
    expect(g.nodes.map((n) => n.id)).toEqual(['sales', 'product', 'eng'])
    expect(g.edges.map((e) => e.id)).toEqual(['d1', 'd2', 'd3', 'd4'])
    for (const e of g.edges) expect(e.d).toMatch(/^M[\d.]+,[\d.]+ .*L[\d.]+,[\d.]+$/)
    expect(g.edges[0]!.d).not.toBe(g.edges[1]!.d)
    // Nodes do not overlap, and everything is inside the drawing.
    for (const a of g.nodes) {
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0)
      expect(a.x + a.width / 2).toBeLessThanOrEqual(g.width)
      for (const b of g.nodes) {
        if (a === b) continue
        const apart =
          Math.abs(a.x - b.x) >= (a.width + b.width) / 2 ||
          Math.abs(a.y - b.y) >= (a.height + b.height) / 2
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true)
      }
    }
  })

  it('is the same picture every time for the same board', () => {
    const nodes = ['a', 'b', 'c', 'd'].map(node)
    const edges = [edge('x', 'a', 'b'), edge('y', 'b', 'c'), edge('z', 'a', 'd')]
    expect(layoutGraph(dagre, nodes, edges)).toEqual(layoutGraph(dagre, nodes, edges))
  })

  it('skips a dependency whose team is not drawn', () => {
    const g = layoutGraph(dagre, [node('a')], [edge('x', 'a', 'gone')])
    expect(g.edges).toEqual([])
  })
})

describe('helpers', () => {
  it('sizes nodes to their names within bounds', () => {
    expect(nodeWidth('IT')).toBe(96)
    expect(nodeWidth('Security & Compliance')).toBeGreaterThan(96)
    expect(nodeWidth('x'.repeat(200))).toBe(220)
  })

  it('draws a path through the points', () => {
    expect(pathThrough([])).toBe('')
    expect(
      pathThrough([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 0 },
      ]),
    ).toBe('M0,0 Q10,10 15,5 L20,0')
  })
})

describe('graphInput', () => {
  it('flags teams without one owner and marks cycle, overdue and inactive dependencies', () => {
    const teams = [
      { id: 'a', name: 'A', ownerIds: ['p1'] },
      { id: 'b', name: 'B', ownerIds: [] },
      { id: 'c', name: 'C', ownerIds: ['p2', 'p3'] },
    ]
    const dep = (id: string, from: string, to: string, status = 'open') => ({
      id,
      from,
      to,
      status,
      what: 'data',
      fromName: from.toUpperCase(),
      toName: to.toUpperCase(),
      milestone: { name: 'M1' },
    })
    const { nodes, edges } = graphInput(
      teams,
      [dep('d3', 'a', 'c', 'done'), dep('d1', 'a', 'b'), dep('d2', 'b', 'a'), dep('d4', 'c', 'b')],
      { cycles: [{ dependencyIds: ['d1', 'd2'] }], pastMilestone: [{ id: 'd4' }] },
    )
    expect(nodes.map((n) => [n.id, n.flag])).toEqual([
      ['a', 'none'],
      ['b', 'no-owner'],
      ['c', 'many-owners'],
    ])
    expect(edges.map((e) => [e.id, e.kind])).toEqual([
      ['d1', 'cycle'],
      ['d2', 'cycle'],
      ['d3', 'inactive'],
      ['d4', 'overdue'],
    ])
    expect(edges[0]!.title).toBe('A needs data from B by M1 (open)')
  })
})
