/** A spinner for long files, on an interactive terminal only (never in CI or when piped). */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

export interface Progress {
  update(file: string, rows: number): void;
  stop(): void;
}

export function createProgress(lang: Lang): Progress {
  const enabled = process.stderr.isTTY === true && !process.env.CI;
  let spinner: { text: string; stop(): void } | null = null;
  let loading = false;
  return {
    update(file, rows) {
      if (!enabled) return;
      const text = t(lang, 'cli.progress', { file, rows: rows.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US') });
      if (spinner) {
        spinner.text = text;
        return;
      }
      if (loading) return;
      loading = true;
      void import('ora').then(({ default: ora }) => {
        spinner = ora({ text, stream: process.stderr }).start();
      });
    },
    stop() {
      spinner?.stop();
      spinner = null;
      loading = false;
    },
  };
}
