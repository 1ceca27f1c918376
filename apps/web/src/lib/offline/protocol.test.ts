import { describe, expect, it } from 'vitest'
import { isBoardPage, isKeepable, isKeepMessage } from './protocol'

const origin = 'https://kickoff.example.com'

describe('service worker messages', () => {
  it('keeps app files and shell pages of its own origin only', () => {
    const keep = (path: string) => isKeepable(new URL(path, origin), origin)
    expect(keep('/_app/immutable/chunks/abc.js')).toBe(true)
    expect(keep('/k/AAAAAAAAAAAAAAAAAAAAAA')).toBe(true)
    expect(keep('/')).toBe(true)
    expect(keep('/api/rooms/AAAAAAAAAAAAAAAAAAAAAA/session')).toBe(false)
    expect(keep('/canvas-config.json')).toBe(true)
    expect(keep('/healthz')).toBe(false)
    expect(isKeepable(new URL('https://cdn.example.com/_app/immutable/x.js'), origin)).toBe(false)
  })

  it('recognises board pages', () => {
    expect(isBoardPage('/k/AAAAAAAAAAAAAAAAAAAAAA')).toBe(true)
    expect(isBoardPage('/k/short')).toBe(false)
    expect(isBoardPage('/k/AAAAAAAAAAAAAAAAAAAAAA/extra')).toBe(false)
  })

  it('accepts only well-formed keep messages', () => {
    expect(isKeepMessage({ type: 'kickoff:keep', urls: ['/'] })).toBe(true)
    expect(isKeepMessage({ type: 'kickoff:keep', urls: [1] })).toBe(false)
    expect(isKeepMessage({ type: 'other', urls: [] })).toBe(false)
    expect(isKeepMessage(null)).toBe(false)
  })
})
