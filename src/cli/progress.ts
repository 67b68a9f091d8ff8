/** A spinner for long work (large files, link checks), on an interactive terminal only (never in CI or when piped). */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

export interface Progress {
  /** Whether anything is shown (an interactive terminal, not CI). */
  readonly enabled: boolean;
  /** Rows read so far in a file. */
  update(file: string, rows: number): void;
  /** Any other progress line. */
  status(text: string): void;
  stop(): void;
}

export function createProgress(lang: Lang): Progress {
  const enabled = process.stderr.isTTY === true && !process.env.CI;
  let spinner: { text: string; stop(): void } | null = null;
  let loading = false;
  const status = (text: string) => {
    if (!enabled) return;
    if (spinner) {
      spinner.text = text;
      return;
    }
    if (loading) return;
    loading = true;
    void import('ora').then(({ default: ora }) => {
      // stop() may have come while ora was loading: a spinner started now would never stop
      if (loading && !spinner) spinner = ora({ text, stream: process.stderr }).start();
    });
  };
  return {
    enabled,
    update(file, rows) {
      if (enabled) status(t(lang, 'cli.progress', { file, rows: rows.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US') }));
    },
    status,
    stop() {
      spinner?.stop();
      spinner = null;
      loading = false;
    },
  };
}
