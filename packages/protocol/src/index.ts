export { CloseCode, isTerminalCloseCode } from './closeCodes.js'
export type { CloseCodeName } from './closeCodes.js'
export {
  RoomIdSchema,
  TokenSchema,
  RoleSchema,
  newRoomId,
  newRecordId,
  newToken,
  randomBase64Url,
  boardLink,
  tokenFromFragment,
} from './ids.js'
export type { RoomId, Role } from './ids.js'
export {
  CreateRoomRequestSchema,
  CreateRoomResponseSchema,
  SessionResponseSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  RecordKindSchema,
  RecordIdSchema,
  RecordHashSchema,
  CreateRecordRequestSchema,
  CreateRecordResponseSchema,
  RecordSummarySchema,
  RecordListResponseSchema,
  RecordResponseSchema,
  NextCycleRequestSchema,
} from './api.js'
export type {
  CreateRoomRequest,
  CreateRoomResponse,
  SessionResponse,
  ErrorResponse,
  HealthResponse,
  RecordKind,
  CreateRecordRequest,
  CreateRecordResponse,
  RecordSummary,
  RecordListResponse,
  RecordResponse,
  NextCycleRequest,
} from './api.js'
export { MessageType, SYNC_PATH, TOKEN_PARAM } from './sync.js'
export { addReconnectJitter } from './reconnect.js'
export type { ReconnectingProvider } from './reconnect.js'
