/**
 * Where satudata keeps its files. Config: `$SATUDATA_CONFIG`, else `$XDG_CONFIG_HOME/satudata/config.json`,
 * else `~/.config/satudata/config.json`. Push ledgers: `$SATUDATA_LEDGER_DIR`, else
 * `$XDG_STATE_HOME/satudata/ledger`, else `~/.local/state/satudata/ledger`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SATUDATA_CONFIG) return env.SATUDATA_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'satudata', 'config.json');
}

export function ledgerDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SATUDATA_LEDGER_DIR) return env.SATUDATA_LEDGER_DIR;
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'satudata', 'ledger');
}
