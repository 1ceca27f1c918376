import { error } from '@sveltejs/kit'
import { RoomIdSchema } from '@kickoff/protocol'
import type { PageLoad } from './$types'

// The board lives in the browser: its token is in the URL fragment and its data in Yjs and
// IndexedDB, none of which the server-side renderer can see.
export const ssr = false

export const load: PageLoad = ({ params }) => {
  const roomId = RoomIdSchema.safeParse(params.roomId)
  if (!roomId.success) error(404, 'No kickoff at this address')
  return { roomId: roomId.data }
}
