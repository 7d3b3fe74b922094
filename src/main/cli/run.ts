/**
 * `npm run -s folio -- [--db PATH] <command> [options]`
 * JSON on stdout with --json; errors as a message on stderr and a non-zero exit.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { FolioFailure, isFolioError } from '../../shared/api/errors'
import { libraryPathFrom, openFolio } from '../library'
import { COMMANDS, type Command } from './commands'

const EXIT_USAGE = 2
const EXIT_FAILED = 1

function usage(): string {
  return [
    '用法 usage: folio [--db PATH] <command> [options] [--json]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`),
  ].join('\n')
}

/** Splits global options (--db) from the command words and the command's own arguments. */
function findCommand(argv: string[]): { db?: string; command?: Command; rest: string[] } {
  const args = [...argv]
  let db: string | undefined
  const dbIndex = args.indexOf('--db')
  if (dbIndex >= 0) {
    db = args[dbIndex + 1]
    args.splice(dbIndex, 2)
  }
  // The longest name that fits: `backup restore F` is not `backup` with an argument.
  const command = COMMANDS.filter((c) => c.name.split(' ').every((word, i) => args[i] === word)).sort(
    (a, b) => b.name.split(' ').length - a.name.split(' ').length,
  )[0]
  return { db, command, rest: command ? args.slice(command.name.split(' ').length) : args }
}

export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { db, command, rest } = findCommand(argv)
  if (!command) {
    err(argv.length > 0 ? `未知命令 unknown command: ${argv.join(' ')}\n\n${usage()}` : usage())
    return EXIT_USAGE
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    err(`参数错误 bad arguments: ${(error as Error).message}\n用法 usage: folio ${command.usage}`)
    return EXIT_USAGE
  }
  let library
  try {
    const path = libraryPathFrom(db)
    // Listings read beside a running Folio; everything else is the library's one writer.
    library = openFolio(path, command.readOnly && existsSync(path) ? { readOnly: true } : { by: 'folio CLI' })
    const data = await command.run(library.api, parsed.values, parsed.positionals, library)
    out(parsed.values.json || !command.human ? JSON.stringify(data, null, 2) : command.human(data))
    return 0
  } catch (error) {
    const folio = error instanceof FolioFailure ? error.error : isFolioError(error) ? error : null
    err(folio ? `错误：${folio.message_zh}\nError: ${folio.message_en}` : `错误 Error: ${String(error)}`)
    return EXIT_FAILED
  } finally {
    library?.close()
  }
}
