import type { SafeStorage, Session } from 'electron';
import type { NetworkEnvironment } from '../core/app/network';
import { trustedAuthorities } from '../core/http/trust';
import { safeStorageSecretStore } from './secret-store';

export const proxyPasswordFileName = 'proxy-password.bin';

export interface DesktopNetworkDeps {
  session: Pick<Session, 'resolveProxy'>;
  safeStorage: Parameters<typeof safeStorageSecretStore>[0]['safeStorage'];
  platform: NodeJS.Platform;
  userData: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The desktop app's network, as the platform sets it up: Chromium answers which proxy each URL
 * takes (OS settings, PAC and WPAD included), the OS certificate store is trusted beside Node's
 * roots (a company's TLS-inspection root), and a manual proxy's password is sealed by the OS
 * keyring like the API token.
 */
export function desktopNetwork(deps: DesktopNetworkDeps): NetworkEnvironment {
  return {
    system: { resolvePac: (url) => deps.session.resolveProxy(url), env: deps.env },
    authorities: trustedAuthorities({ system: true, env: deps.env }),
    proxyPassword: safeStorageSecretStore({
      safeStorage: deps.safeStorage as SafeStorage,
      platform: deps.platform,
      userData: deps.userData,
      fileName: proxyPasswordFileName,
    }),
  };
}
