import type { IncomingMessage, ServerResponse } from 'node:http'
import * as Y from 'yjs'
import { initKickoff, seedSampleKickoff } from '@kickoff/model'
import {
  boardLink,
  CreateRoomRequestSchema,
  newRoomId,
  type CreateRoomResponse,
  type SessionResponse,
} from '@kickoff/protocol'
import { issueTokens, roleForToken } from '../auth/tokens.js'
import type { Storage } from '../storage/types.js'
import { bearerToken, HttpError, parseBody, readJson, sendJson } from './respond.js'

export interface RoomsApiOptions {
  storage: Storage
  publicOrigin: string
  maxBodyBytes: number
}

function originOf(req: IncomingMessage, configured: string): string {
  if (configured) return configured
  const host = req.headers.host ?? 'localhost'
  return `http://${host}`
}

/** `POST /api/rooms` → 201 `{ roomId, tokens, links }`. */
export async function createRoom(
  req: IncomingMessage,
  res: ServerResponse,
  opts: RoomsApiOptions,
): Promise<void> {
  const body = parseBody(CreateRoomRequestSchema, await readJson(req, opts.maxBodyBytes))
  const roomId = newRoomId()
  const { tokens, hashes } = issueTokens()
  const now = new Date()
  const doc = new Y.Doc()
  initKickoff(doc, { title: body.title, now })
  if (body.template === 'sample') seedSampleKickoff(doc, { title: body.title, now })
  await opts.storage.createRoom(
    { roomId, title: body.title, createdAt: now.toISOString(), tokenHashes: hashes },
    Y.encodeStateAsUpdate(doc),
  )
  doc.destroy()
  const origin = originOf(req, opts.publicOrigin)
  const response: CreateRoomResponse = {
    roomId,
    tokens,
    links: {
      facilitator: boardLink(origin, roomId, tokens.facilitator),
      participant: boardLink(origin, roomId, tokens.participant),
      viewer: boardLink(origin, roomId, tokens.viewer),
    },
  }
  sendJson(res, 201, response)
}

/** `GET /api/rooms/:roomId/session` with a bearer token → the role it grants. */
export async function getSession(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  opts: RoomsApiOptions,
): Promise<void> {
  const meta = await opts.storage.getRoom(roomId)
  if (!meta) throw new HttpError(404, 'unknown_room', 'no kickoff with this id')
  const role = roleForToken(meta.tokenHashes, bearerToken(req))
  if (!role) throw new HttpError(401, 'unauthorized', 'invalid or missing token')
  const response: SessionResponse = { roomId, title: meta.title, role }
  sendJson(res, 200, response)
}
