import type { IncomingMessage, ServerResponse } from 'node:http'
import * as Y from 'yjs'
import { initKickoff, seedSampleKickoff } from '@kickoff/model'
import {
  boardLink,
  CreateRoomRequestSchema,
  newRoomId,
  type CreateRoomResponse,
  type Role,
  type SessionResponse,
} from '@kickoff/protocol'
import { issueTokens, roleForToken } from '../auth/tokens.js'
import type { RoomMeta, Storage } from '../storage/types.js'
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
  const now = new Date()
  const doc = new Y.Doc()
  initKickoff(doc, { title: body.title, now })
  if (body.template === 'sample') seedSampleKickoff(doc, { title: body.title, now })
  const response = await storeNewRoom(req, opts, { title: body.title, now, doc })
  doc.destroy()
  sendJson(res, 201, response)
}

/**
 * Stores a new room holding `doc`, with new tokens, and returns what `POST /api/rooms` answers:
 * also used to start the next cycle from a record.
 */
export async function storeNewRoom(
  req: IncomingMessage,
  opts: RoomsApiOptions,
  room: { title: string; now: Date; doc: Y.Doc },
): Promise<CreateRoomResponse> {
  const roomId = newRoomId()
  const { tokens, hashes } = issueTokens()
  await opts.storage.createRoom(
    { roomId, title: room.title, createdAt: room.now.toISOString(), tokenHashes: hashes },
    Y.encodeStateAsUpdate(room.doc),
  )
  const origin = originOf(req, opts.publicOrigin)
  return {
    roomId,
    tokens,
    links: {
      facilitator: boardLink(origin, roomId, tokens.facilitator),
      participant: boardLink(origin, roomId, tokens.participant),
      viewer: boardLink(origin, roomId, tokens.viewer),
    },
  }
}

/** `GET /api/rooms/:roomId/session` with a bearer token → the role it grants. */
export async function getSession(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  opts: RoomsApiOptions,
): Promise<void> {
  const { meta, role } = await authorize(req, roomId, opts.storage)
  const response: SessionResponse = { roomId, title: meta.title, role }
  sendJson(res, 200, response)
}

/**
 * The room and the role the request's bearer token grants in it: 404 for an unknown room, 401
 * for a missing or wrong token. Callers check the role (403).
 */
export async function authorize(
  req: IncomingMessage,
  roomId: string,
  storage: Storage,
): Promise<{ meta: RoomMeta; role: Role }> {
  const meta = await storage.getRoom(roomId)
  if (!meta) throw new HttpError(404, 'unknown_room', 'no kickoff with this id')
  const role = roleForToken(meta.tokenHashes, bearerToken(req))
  if (!role) throw new HttpError(401, 'unauthorized', 'invalid or missing token')
  return { meta, role }
}
