// For this folder's tests: a tldraw store as the editor would make one, with nothing mounted.
import { atom } from '@tldraw/state'
import { Store } from '@tldraw/store'
import { createTLSchema, type TLStore } from '@tldraw/tlschema'

export const schema = createTLSchema()

export function newStore(): TLStore {
  return new Store({
    schema,
    props: {
      defaultName: '',
      assets: {
        upload: () => Promise.resolve({ src: '' }),
        resolve: () => null,
        remove: () => Promise.resolve(),
      },
      users: { currentUser: atom('user', null), resolve: () => atom('resolved', null) },
      onMount: () => {},
    },
  })
}
