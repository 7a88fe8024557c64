import cliProgress from 'cli-progress';
import { colour } from './format.js';

/** A progress bar for long CLI work: drawn on stderr, and only when stderr is a terminal. */
export interface Progress {
  update(done: number, total: number, phase?: string): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  enabled: boolean = Boolean(stream.isTTY) && process.env['TERM'] !== 'dumb',
): Progress {
  if (!enabled) return NONE;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {phase} [{bar}] {value}/{total} · {percentage}% · eta {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: colour ? '░' : '.',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, phase = '') {
      if (!started) {
        bar.start(Math.max(total, 1), done, { phase });
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
