import { describe, expect, it } from 'vitest'
import { hashToken, issueTokens, roleForToken } from './tokens.js'

describe('tokens', () => {
  it('stores only hashes and maps each token to its role', () => {
    const { tokens, hashes } = issueTokens()
    for (const h of Object.values(hashes)) expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(Object.values(hashes)).not.toContain(tokens.facilitator)
    expect(roleForToken(hashes, tokens.facilitator)).toBe('facilitator')
    expect(roleForToken(hashes, tokens.participant)).toBe('participant')
    expect(roleForToken(hashes, tokens.viewer)).toBe('viewer')
  })

  it('grants nothing to a missing or wrong token', () => {
    const { hashes } = issueTokens()
    expect(roleForToken(hashes, null)).toBeNull()
    expect(roleForToken(hashes, '')).toBeNull()
    expect(roleForToken(hashes, 'x'.repeat(43))).toBeNull()
    expect(hashToken('a')).toBe(hashToken('a'))
  })
})
