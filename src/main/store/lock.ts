/**
 * One library, one writer. A second Folio process (another browser-mode server, the desktop app,
 * a writing CLI command) that opens a library already open for writing is told so, in Chinese and
 * English, instead of fighting over it (two writers on one file refused about a quarter of saves
 * with SQLITE_BUSY). The lock is a small file beside the library, `<library>.lock`, holding the
 * owner's pid, host and start time; a lock whose process is gone (killed, crashed) is taken over.
 * Readers (CLI listings, searches) open the library read-only and need no lock: WAL lets them read
 * beside the writer.
 */
import { hostname } from 'node:os'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fail } from '../../shared/api/errors'

interface Owner {
  pid: number
  host: string
  since: string
  /** What holds it, e.g. "web", "cli", "electron". */
  by: string
}

export interface LibraryLock {
  path: string
  /** The lock was left by a process that is gone: the last session did not end cleanly. */
  tookOver: boolean
  release(): void
}

/** Locks this process holds, by lock path, with how many opens share each (tests open twice). */
const held = new Map<string, number>()

export function lockPathFor(libraryPath: string): string {
  return `${libraryPath}.lock`
}

export function acquireLock(libraryPath: string, by: string, now: Date = new Date()): LibraryLock {
  const path = lockPathFor(libraryPath)
  const mine: Owner = { pid: process.pid, host: hostname(), since: now.toISOString(), by }
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner = readOwner(path)
    if (owner && owner.pid === process.pid && owner.host === mine.host) {
      held.set(path, (held.get(path) ?? 0) + 1)
      return handle(path, false)
    }
    if (owner && owner.host === mine.host && alive(owner.pid)) {
      fail(
        'locked',
        `资料库正被另一个 Folio 进程使用（${owner.by}，进程 ${owner.pid}，${owner.since} 起）。同一个资料库同时只能由一个 Folio 写入：请先关闭那个窗口或服务，或用 --db 打开另一个资料库。`,
        `The library is in use by another Folio process (${owner.by}, pid ${owner.pid}, since ${owner.since}). Only one Folio may write a library at a time: close that window or server first, or open another library with --db.`,
      )
    }
    if (owner && owner.host !== mine.host) {
      fail(
        'locked',
        `资料库正被另一台电脑（${owner.host}）上的 Folio 使用。`,
        `The library is in use by Folio on another computer (${owner.host}).`,
      )
    }
    // No owner, one that is gone, or a lock file left half-written: take it. 'wx' fails if another
    // process took it meanwhile.
    const left = owner !== null || existsSync(path)
    if (left) rmSync(path, { force: true })
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' })
      held.set(path, 1)
      return handle(path, left)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EEXIST') {
        fail(
          'unavailable',
          `无法在资料库旁写入锁文件 ${path}（${(error as Error).message}）：资料库所在的文件夹可能是只读的。`,
          `Cannot write the lock file ${path} (${(error as Error).message}): the library's folder may be read-only.`,
          code === 'ENOENT' ? 'other' : 'readonly',
        )
      }
    }
  }
  fail('locked', '资料库正被另一个 Folio 进程打开。', 'Another Folio process is opening the library.')
}

function handle(path: string, tookOver: boolean): LibraryLock {
  let released = false
  return {
    path,
    tookOver,
    release() {
      if (released) return
      released = true
      const count = (held.get(path) ?? 1) - 1
      if (count > 0) {
        held.set(path, count)
        return
      }
      held.delete(path)
      const owner = readOwner(path)
      if (owner?.pid === process.pid) rmSync(path, { force: true })
    },
  }
}

function readOwner(path: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>
    if (typeof owner.pid !== 'number') return null
    return {
      pid: owner.pid,
      host: String(owner.host ?? ''),
      since: String(owner.since ?? ''),
      by: String(owner.by ?? 'Folio'),
    }
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
