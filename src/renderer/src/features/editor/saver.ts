/**
 * Autosave for one open article: edits are merged into a pending patch and sent ≤ delay after
 * typing stops, on blur, on switch and on close. One request in flight at a time; failures are
 * retried with back-off and shown, never dropped. The body is read lazily (a thunk) so the
 * typing path never serializes the document.
 */
import type { Article, ArticleSaved } from '@shared/api/types'
import type { Input } from '@shared/api/contract'
import type { FolioError } from '@shared/api/errors'
import { blockSplice, blockState, type BlockState, type SerializedBody } from '@shared/doc/splice'
import { Trailing } from '../../app/trailing'

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error'
export type Patch = NonNullable<Input<'article.update'>['patch']>
type Fields = Omit<Patch, 'body'>

export interface SaverDeps {
  update(input: Input<'article.update'>): Promise<ArticleSaved>
  get(id: number): Promise<Article>
  /** Synchronous best-effort send when the page is going away. */
  beacon?(input: Input<'article.update'>): boolean
  errorOf(error: unknown): FolioError | null
  /**
   * Keeps a copy of what could not be saved outside the library (the tab's storage), or drops it
   * (null) once the library has everything; a reopened tab offers it back.
   */
  stash?(articleId: number, stashed: { patch: Patch; version: number } | null): void
}

/** A save that takes longer than this shows as 'saving'; a quicker one goes from 'dirty' to 'saved'. */
export const SLOW_SAVE_MS = 500

const NO_RETRY = new Set(['conflict', 'invalid_input', 'too_large', 'not_found'])

export class ArticleSaver {
  state: SaveState = 'saved'
  error: FolioError | null = null
  private version: number
  private fields: Fields = {}
  /** The body, read only when a save goes out: its JSON, or its JSON with the blocks already cut. */
  private readBody: (() => string | SerializedBody) | null = null
  /** The next save, due `delayMs` after the last edit (at most `maxWaitMs` after the first). */
  private readonly timer = new Trailing(() => void this.flush())
  private dirtySince: number | null = null
  private inFlight: Promise<void> | null = null
  private retryDelay = 1000
  /** A patch sent whose answer never came back: it may or may not be in the library. */
  private unconfirmed: Patch | null = null
  /** The patch of the save in flight, if any. */
  private sending: Patch | null = null
  /** The body as the library last saved it, by block: what the next save's splice is made against. */
  private savedBlocks: BlockState | null = null
  /** The last splice did not fit the stored body: send the whole body next time. */
  private sendWhole = false
  private listeners = new Set<() => void>()
  /** The save in flight has taken SLOW_SAVE_MS (see shown); the timer that says so. */
  private slow = false
  private slowTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly articleId: number,
    version: number,
    private readonly deps: SaverDeps,
    private readonly delayMs = 600,
    /** While typing goes on, still save at least this often: a crash loses less than a second. */
    private readonly maxWaitMs = 800,
  ) {
    this.version = version
  }

  /** The body the library holds at this saver's version (so saves can send only changed blocks). */
  setBase(body: string): void {
    this.savedBlocks = blockState(body)
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  editFields(fields: Fields): void {
    Object.assign(this.fields, fields)
    this.markDirty()
  }

  editBody(read: () => string | SerializedBody): void {
    this.readBody = read
    this.markDirty()
  }

  get hasPending(): boolean {
    return this.readBody !== null || Object.keys(this.fields).length > 0
  }

  /** Sends everything pending now; resolves when the library has it (or the attempt failed). */
  async flush(explicit = false): Promise<void> {
    this.timer.cancel()
    while (this.inFlight) await this.inFlight
    if (!this.hasPending && !explicit) return
    this.inFlight = this.send(explicit).finally(() => {
      this.inFlight = null
    })
    await this.inFlight
  }

  /**
   * Page is closing: keep a copy in the tab and hand the pending patch to the browser to deliver,
   * based on the version this tab last saw like every other write. If a save of ours is still in
   * flight, or another tab saved meanwhile, the library refuses it as stale and keeps its text as
   * a 冲突副本 instead of writing it over newer text; the tab's copy is offered on the next open.
   */
  flushOnUnload(): void {
    if (!this.hasPending && !this.inFlight) return
    const patch = this.inFlight && this.sending ? { ...this.sending, ...this.pendingPatch() } : this.pendingPatch()
    this.deps.stash?.(this.articleId, { patch, version: this.version })
    if (!this.deps.beacon || !this.hasPending) return
    this.deps.beacon({ id: this.articleId, patch, baseVersion: this.version })
  }

  dispose(): void {
    this.timer.cancel()
    this.clearSlow()
    this.listeners.clear()
  }

  /**
   * Called on every keystroke: it re-arms no timer (Trailing moves the one armed) and tells the
   * listeners nothing while the state stays 'dirty'.
   */
  private markDirty(): void {
    if (this.state !== 'error' || !NO_RETRY.has(this.error?.code ?? '')) this.setState('dirty', null)
    const now = performance.now()
    this.dirtySince ??= now
    this.timer.after(Math.max(0, Math.min(this.delayMs, this.dirtySince + this.maxWaitMs - now)))
  }

  private clearSlow(): void {
    if (this.slowTimer) clearTimeout(this.slowTimer)
    this.slowTimer = null
    this.slow = false
  }

  private pendingPatch(): Patch {
    return this.readPending().patch
  }

  private readPending(): { patch: Patch; blocks: BlockState | null } {
    const patch: Patch = { ...this.fields }
    const read = this.readBody?.()
    if (read === undefined) return { patch, blocks: null }
    if (typeof read === 'string') {
      patch.body = read
      return { patch, blocks: null }
    }
    patch.body = read.json
    return { patch, blocks: read.blocks }
  }

  private async send(explicit: boolean): Promise<void> {
    // A save whose answer never came may have landed: adopt it first rather than send a write
    // the library will refuse as stale (and keep as a conflict copy).
    if (this.unconfirmed && (await this.landed(this.unconfirmed))) this.unconfirmed = null
    const { patch, blocks: read } = this.readPending()
    this.sending = patch
    this.dirtySince = null
    this.fields = {}
    this.readBody = null
    this.setState('saving', null)
    const { wire, blocks } = this.wireInput(patch, explicit, read)
    try {
      const saved = await this.deps.update(wire)
      if (blocks) this.savedBlocks = blocks
      this.saved(saved)
    } catch (error) {
      const folio = this.deps.errorOf(error)
      if (wire.bodySplice && folio?.field === 'bodySplice') {
        // The splice did not fit (or the article changed): the whole body goes next, at once, so
        // a real conflict keeps its text as a 冲突副本 like any other stale write.
        this.sendWhole = true
        this.restore(patch)
        this.timer.after(0)
        this.setState('dirty', null)
        return
      }
      await this.failed(error, patch)
    } finally {
      this.sending = null
    }
  }

  /**
   * What goes on the wire: the fields, and the body as the blocks that changed since the last save
   * (a splice) when that is much smaller than the whole; `blocks` is the body after this save.
   */
  private wireInput(
    patch: Patch,
    explicit: boolean,
    read: BlockState | null,
  ): { wire: Input<'article.update'>; blocks: BlockState | null } {
    const base = { id: this.articleId, baseVersion: this.version, explicit }
    if (patch.body === undefined) return { wire: { ...base, patch }, blocks: null }
    const blocks = read ?? blockState(patch.body)
    const splice = blocks && this.savedBlocks && !this.sendWhole ? blockSplice(this.savedBlocks, blocks) : null
    this.sendWhole = false
    if (!splice || splice.insert.length > patch.body.length / 2) return { wire: { ...base, patch }, blocks }
    const { body: _body, ...fields } = patch
    return { wire: { ...base, patch: fields, bodySplice: splice }, blocks }
  }

  private saved(article: ArticleSaved): void {
    this.version = article.version
    this.unconfirmed = null
    this.retryDelay = 1000
    if (this.hasPending) this.timer.after(this.delayMs)
    else this.deps.stash?.(this.articleId, null)
    this.setState(this.hasPending ? 'dirty' : 'saved', null)
  }

  /** Puts a patch that did not land back under anything typed since, so nothing is lost. */
  private restore(patch: Patch): void {
    this.fields = { ...patch, ...this.fields }
    delete (this.fields as Patch).body
    if (!this.readBody && patch.body !== undefined) {
      const body = patch.body
      this.readBody = () => body
    }
  }

  private async failed(error: unknown, patch: Patch): Promise<void> {
    this.restore(patch)
    // Off the typing path (only after a failed save): keep a copy the tab can offer back.
    if (this.hasPending) this.deps.stash?.(this.articleId, { patch: this.pendingPatch(), version: this.version })
    const folio = this.deps.errorOf(error)
    if (folio?.code === 'conflict' && this.unconfirmed && (await this.reconcile(this.unconfirmed))) return
    if (!NO_RETRY.has(folio?.code ?? '')) this.unconfirmed = patch
    this.setState('error', folio)
    if (!NO_RETRY.has(folio?.code ?? '')) {
      this.timer.after(this.retryDelay)
      this.retryDelay = Math.min(this.retryDelay * 2, 10000)
    }
  }

  /**
   * A conflict may just mean our last save landed but its answer was lost (server killed
   * mid-reply): if the library holds what we sent, adopt its version and send the rest.
   */
  private async reconcile(patch: Patch): Promise<boolean> {
    if (!(await this.landed(patch))) return false
    this.unconfirmed = null
    this.setState('dirty', null)
    this.timer.after(0)
    return true
  }

  /** Whether the library holds what `patch` sent; if so, its version becomes ours. */
  private async landed(patch: Patch): Promise<boolean> {
    try {
      const current = await this.deps.get(this.articleId)
      const landed = (Object.keys(patch) as (keyof Patch)[]).every((key) => current[key] === patch[key])
      if (landed) this.version = current.version
      return landed
    } catch {
      return false
    }
  }

  /**
   * The state as the status bar shows it: a save in flight reads 'dirty' (it is not saved yet)
   * until it has taken SLOW_SAVE_MS, then 'saving'. Listeners hear when it turns slow. A label
   * changed for a 20 ms save was a frame of its own in the middle of typing, twice a second.
   */
  get shown(): SaveState {
    return this.state === 'saving' && !this.slow ? 'dirty' : this.state
  }

  private setState(state: SaveState, error: FolioError | null): void {
    if (state === this.state && error === this.error && state !== 'saving') return
    // A save that starts (or anything else) sets the clock going again; one still in flight keeps it.
    if (state !== 'saving' || this.state !== 'saving') {
      this.clearSlow()
      if (state === 'saving')
        this.slowTimer = setTimeout(() => {
          this.slowTimer = null
          this.slow = true
          for (const listener of this.listeners) listener()
        }, SLOW_SAVE_MS)
    }
    this.state = state
    this.error = error
    for (const listener of this.listeners) listener()
  }
}
