import { FolioFailure, type FolioError } from '../../shared/api/errors'

/**
 * A failure that still has something to keep: the call's own transaction is rolled back as
 * always, then `keep` runs in a transaction of its own (api.ts). A refused stale save keeps the
 * refused text this way, so a conflict never loses what the editor typed.
 */
export class KeepThenFail extends FolioFailure {
  constructor(
    error: FolioError,
    readonly keep: () => void,
  ) {
    super(error)
  }
}
