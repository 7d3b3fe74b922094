/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing.
 * Fuses are bits compiled into the Electron executable that switch features off for good; an
 * attacker with the app on disk cannot turn them back on with flags or environment variables.
 * https://www.electronjs.org/docs/latest/tutorial/fuses
 */
import { join } from 'node:path'
import fuses from '@electron/fuses'

const { flipFuses, FuseV1Options, FuseVersion } = fuses

/** The fuse settings Folio ships with (index in the fuse wire → on/off). */
export const FOLIO_FUSES = {
  // `ELECTRON_RUN_AS_NODE=1 Folio …` must not turn the app into a plain Node that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and the session store are encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require evil.js) is ignored.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk cannot attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash embedded at packaging (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only resources/app.asar is ever loaded as the app, not an app/ folder dropped beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://, so file:// needs none of its legacy extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** Path of the packaged Electron executable electron-builder just wrote. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const product = packager.appInfo.productFilename
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${product}.app`)
    case 'win32':
      return join(appOutDir, `${product}.exe`)
    default:
      return join(appOutDir, packager.executableName ?? product)
  }
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context)
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches its bytes.
  const arm64 = context.arch === 3 || context.arch === 'arm64'
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: darwin && arm64,
    ...FOLIO_FUSES,
  })
}
