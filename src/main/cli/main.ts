/** Entry point of `npm run -s folio`. */
import { runCli } from './run'

process.exitCode = runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
)
