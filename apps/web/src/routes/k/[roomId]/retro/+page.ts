import { error } from '@sveltejs/kit'
import { RoomIdSchema } from '@kickoff/protocol'
import type { PageLoad } from './$types'

// Client-rendered like the board: the token, the identity and the document live in the browser.
export const ssr = false

export const load: PageLoad = ({ params }) => {
  const roomId = RoomIdSchema.safeParse(params.roomId)
  if (!roomId.success) error(404, 'No kickoff at this address')
  return { roomId: roomId.data }
}
