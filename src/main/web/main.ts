/**
 * `npm run web`: serves the built renderer and the API on 127.0.0.1.
 * Options: --db PATH (or FOLIO_DB), --port N (default 5199; 0 picks a free port).
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { hostLibrary } from '../host'
import { libraryPathFrom } from '../library'
import { startWebServer } from './server'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '5199' } },
    strict: true,
  })
  const path = libraryPathFrom(values.db)
  // A library that cannot be opened for writing is served in recovery: the editor is told why and
  // offered its backups. A library another Folio is writing stops the start here.
  const host = hostLibrary(path, { by: `browser mode (port ${values.port})` })
  const web = await startWebServer({
    api: host.api,
    staticDir: join(__dirname, '../renderer'),
    port: Number(values.port),
  })
  console.log(`Folio 资料库 library: ${path}`)
  console.log(`Folio 已启动 ready: ${web.url}`)
  const stop = (): void => {
    void web
      .close()
      .then(() => host.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const e = error as { error?: { message_zh: string; message_en: string } }
  console.error(e.error ? `${e.error.message_zh}\n${e.error.message_en}` : error)
  process.exit(1)
})
