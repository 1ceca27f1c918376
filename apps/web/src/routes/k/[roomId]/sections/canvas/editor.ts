// The tldraw canvas, mounted into a DOM element. This module is only ever loaded with a dynamic
// import() from CanvasSection.svelte: tldraw, React and their CSS (~625 KB gzip) stay out of the
// board's first load, and a failure to load them leaves every other section working.
import 'tldraw/tldraw.css'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import {
  atom,
  computed,
  createPresenceStateDerivation,
  createTLCurrentUser,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  getUserPreferences,
  InstancePresenceRecordType,
  Tldraw,
  UserRecordType,
  type Editor,
  type TLUser,
  type TLUserPreferences,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { bindCanvasPresence } from './presence'
import { bindCanvas } from './sync'

/**
 * Fonts, icons and translations from our own server: Vite turns each import into a file under
 * `/_app/immutable/assets/`, so the canvas works without tldraw's CDN (and offline).
 */
const assetUrls = getAssetUrlsByImport()

export interface CanvasUser {
  personId: string
  name: string
  color: string
}

export interface CanvasState {
  user: CanvasUser
  /** Viewers and refused links: tldraw's read-only mode, and nothing is written. */
  readonly: boolean
  online: boolean
}

export interface MountOptions extends CanvasState {
  element: HTMLElement
  /** `ROOT.canvas` of the board document. */
  map: Y.Map<unknown>
  awareness: Awareness
  licenseKey: string | null
  onReady?: (editor: Editor) => void
}

export interface CanvasHandle {
  update(state: CanvasState): void
  destroy(): void
}

/**
 * An editor that is not focused ignores keys, pointer moves and the wheel (so the page scrolls
 * over it). Without autoFocus nothing focuses it: focus it when someone presses inside the
 * canvas, and let go when they press or tab anywhere else on the board.
 */
function followFocus(editor: Editor, element: HTMLElement): () => void {
  const enter = () => editor.focus()
  const leave = (event: Event) => {
    if (event.target instanceof Node && element.contains(event.target)) return
    editor.blur({ blurContainer: false })
  }
  element.addEventListener('pointerdown', enter, { capture: true })
  document.addEventListener('pointerdown', leave, { capture: true })
  document.addEventListener('focusin', leave)
  return () => {
    element.removeEventListener('pointerdown', enter, { capture: true })
    document.removeEventListener('pointerdown', leave, { capture: true })
    document.removeEventListener('focusin', leave)
  }
}

export function mountCanvas(opts: MountOptions): CanvasHandle {
  const $canvasState = atom<CanvasState>('kickoff canvas state', {
    user: opts.user,
    readonly: opts.readonly,
    online: opts.online,
  })
  const $currentUser = computed<TLUser>('kickoff current user', () => {
    const { personId, name, color } = $canvasState.get().user
    return UserRecordType.create({ id: createUserId(personId), name, color })
  })
  const store = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    users: { currentUser: $currentUser },
    collaboration: {
      status: computed('kickoff online', () => ($canvasState.get().online ? 'online' : 'offline')),
      mode: computed('kickoff mode', () =>
        $canvasState.get().readonly ? 'readonly' : 'readwrite',
      ),
    },
  })

  const sync = bindCanvas({ store, map: opts.map, canWrite: () => !$canvasState.get().readonly })
  const presence = bindCanvasPresence({
    store,
    awareness: opts.awareness,
    presence: createPresenceStateDerivation($currentUser, {
      instanceId: InstancePresenceRecordType.createId(String(opts.awareness.clientID)),
    })(store),
  })

  // tldraw's own preferences (theme, locale…) for this session; who you are comes from the board.
  const $preferences = atom<TLUserPreferences>('kickoff preferences', getUserPreferences())
  const user = createTLCurrentUser({
    userPreferences: computed('kickoff user preferences', () => {
      const { personId, name, color } = $canvasState.get().user
      return { ...$preferences.get(), id: personId, name, color }
    }),
    setUserPreferences: (preferences) => $preferences.set(preferences),
  })

  const root = createRoot(opts.element)
  root.render(
    createElement(Tldraw, {
      store,
      user,
      assetUrls,
      licenseKey: opts.licenseKey ?? undefined,
      // The purpose and the other sections are on the same page: never steal their focus.
      autoFocus: false,
      onMount: (editor: Editor) => {
        const stop = followFocus(editor, opts.element)
        opts.onReady?.(editor)
        return stop
      },
    }),
  )

  return {
    update(state) {
      $canvasState.set(state)
    },
    destroy() {
      sync.destroy()
      presence.destroy()
      root.unmount()
      store.dispose()
    },
  }
}
