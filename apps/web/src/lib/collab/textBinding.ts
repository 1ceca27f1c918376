import type * as Y from 'yjs'
import { movePosition, spliceBetween } from './textDiff'

/**
 * Binds a textarea or input to a Y.Text. Local edits go in as the one splice the user made, so
 * two people typing in different places both keep their words; remote edits come out with the
 * local caret moved along.
 */
export function bindText(
  el: HTMLTextAreaElement | HTMLInputElement,
  ytext: Y.Text,
): { destroy(): void } {
  const local = Symbol('local-text-edit')
  el.value = ytext.toString()

  const onInput = () => {
    const splice = spliceBetween(ytext.toString(), el.value)
    if (!splice) return
    const apply = () => {
      if (splice.remove > 0) ytext.delete(splice.index, splice.remove)
      if (splice.insert) ytext.insert(splice.index, splice.insert)
    }
    if (ytext.doc) ytext.doc.transact(apply, local)
    else apply()
  }

  const onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === local) return
    const focused = document.activeElement === el
    const start = movePosition(event.delta, el.selectionStart ?? 0)
    const end = movePosition(event.delta, el.selectionEnd ?? 0)
    el.value = ytext.toString()
    if (focused) el.setSelectionRange(start, end)
  }

  el.addEventListener('input', onInput)
  ytext.observe(onRemote)
  return {
    destroy() {
      el.removeEventListener('input', onInput)
      ytext.unobserve(onRemote)
    },
  }
}
