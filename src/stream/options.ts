/**
 * The command-line side of the stream: `--nats`, `--stream`, `--partitions`, `--create-partitions`
 * (for `chipexport serve` and `chipexport monitor worker`), checked with errors naming the option.
 */
import { InputError } from '../domain/errors.js';
import { DEFAULT_STREAM, LayoutError, MAX_PARTITIONS, streamLayout } from './layout.js';
import { NATS_URL_ENV } from './nats.js';

/** The NATS URL from the option, else CHIPEXPORT_NATS_URL; undefined when neither is set. */
export function natsUrl(option: string | undefined): string | undefined {
  const url = option ?? process.env[NATS_URL_ENV];
  if (url === undefined || url === '') return undefined;
  const servers = url.split(',').map((s) => s.trim());
  for (const server of servers) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s/]+(:\d+)?\/?$/.test(server) && !/^[^\s/:]+:\d+$/.test(server)) {
      throw InputError.single(
        'invalid_nats_url',
        [option !== undefined ? '--nats' : NATS_URL_ENV],
        `"${server}" is not a NATS URL (e.g. nats://127.0.0.1:4222)`,
      );
    }
  }
  return url;
}

export function streamName(option: string | undefined): string {
  try {
    return streamLayout({ stream: option ?? DEFAULT_STREAM }).stream;
  } catch (error) {
    if (error instanceof LayoutError) {
      throw InputError.single(
        'invalid_stream',
        ['--stream'],
        `"${option}" is not a stream name (a letter, then letters, digits, - and _)`,
      );
    }
    throw error;
  }
}

/** `--partitions all|k,…`: undefined for all; checked against P once the stream is known. */
export function partitionList(option: string | undefined): number[] | undefined {
  if (option === undefined || option === 'all') return undefined;
  const parts = option.split(',').map((s) => s.trim());
  const list: number[] = [];
  for (const part of parts) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(range?.[1]);
    const to = Number(range?.[2] ?? range?.[1]);
    if (!range || to < from || to - from >= MAX_PARTITIONS) {
      throw InputError.single(
        'invalid_partitions',
        ['--partitions'],
        `"${option}" is not "all" or a list of partition numbers and ranges like 0,1,5 or 0-127`,
      );
    }
    for (let k = from; k <= to; k++) if (!list.includes(k)) list.push(k);
  }
  return list;
}

export function checkPartitions(
  list: readonly number[] | undefined,
  partitions: number,
  stream: string,
): void {
  const bad = list?.find((k) => k >= partitions);
  if (bad !== undefined) {
    throw InputError.single(
      'invalid_partitions',
      ['--partitions'],
      `stream ${stream} has partitions 0–${partitions - 1}; there is no partition ${bad}`,
    );
  }
}

/** `--create-partitions P`: the partition count of a stream this run creates. */
export function createPartitions(option: string | undefined): number | undefined {
  if (option === undefined) return undefined;
  const n = Number(option);
  if (!/^\d+$/.test(option) || n < 1 || n > MAX_PARTITIONS) {
    throw InputError.single(
      'invalid_partitions',
      ['--create-partitions'],
      `must be a whole number from 1 to ${MAX_PARTITIONS}`,
    );
  }
  return n;
}

/** `--ack-wait <seconds>`: how long a check-in in hand may go unacknowledged (1–600, default 30). */
export function ackWaitMs(option: string | undefined): number | undefined {
  if (option === undefined) return undefined;
  const n = Number(option);
  if (!/^\d+$/.test(option) || n < 1 || n > 600) {
    throw InputError.single(
      'invalid_ack_wait',
      ['--ack-wait'],
      'must be a whole number of seconds from 1 to 600',
    );
  }
  return n * 1000;
}
