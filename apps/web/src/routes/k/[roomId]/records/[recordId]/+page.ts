import { error } from '@sveltejs/kit'
import { RecordIdSchema, RoomIdSchema } from '@kickoff/protocol'
import type { PageLoad } from './$types'

// Client-rendered like the board: the room's token is in this browser only (localStorage).
export const ssr = false

export const load: PageLoad = ({ params }) => {
  const roomId = RoomIdSchema.safeParse(params.roomId)
  const recordId = RecordIdSchema.safeParse(params.recordId)
  if (!roomId.success || !recordId.success) error(404, 'No record at this address')
  return { roomId: roomId.data, recordId: recordId.data }
}
