import type * as Y from 'yjs'
import { ROOT } from '../schema/keys.js'

/** The shared purpose statement; bind an editor to it for character-level co-editing. */
export function purposeStatement(doc: Y.Doc): Y.Text {
  return doc.getText(ROOT.purposeStatement)
}
