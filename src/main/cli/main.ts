/** Entry point of `npm run -s folio`. */
import { runCli } from './run'

void runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
).then((code) => {
  process.exitCode = code
})
