/**
 * Where check-ins go in NATS JetStream (docs/monitoring-protocol.md, "Scale-out").
 *
 * Subjects: `<prefix>.<partition>.<installationId>`, prefix `chipexport.checkins` by default;
 * partition = a stable hash of the installation id mod P. P is fixed when the stream is created and
 * recorded in the stream itself: it has one subject filter per partition (`<prefix>.0.>` …
 * `<prefix>.<P-1>.>`), so a publisher or worker reads P from the stream and a subject for a
 * partition the stream does not have is refused by the server (no stream answers it).
 */
import { createHash } from 'node:crypto';

export const DEFAULT_STREAM = 'CHIPEXPORT_CHECKINS';
export const DEFAULT_SUBJECT_PREFIX = 'chipexport.checkins';
export const DEFAULT_PARTITIONS = 8;
/** JetStream refuses more than this many subjects per stream in practice; far above any need. */
export const MAX_PARTITIONS = 1024;

export interface StreamLayout {
  /** JetStream stream name (letters, digits, - and _). */
  readonly stream: string;
  /** Subject prefix, dot-separated tokens. */
  readonly subjectPrefix: string;
  /** P: the number of partitions, fixed when the stream is created. */
  readonly partitions: number;
}

/** Starts with a letter, so a stream's name can never be read as a partition number. */
const STREAM_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,199}$/;
const SUBJECT_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * The subject prefix of a new stream: `chipexport.checkins` for the default stream, and
 * `chipexport.checkins.<stream>` for any other, so that several streams (a staging one, tests)
 * can live on one server — JetStream refuses two streams with overlapping subjects.
 */
export function defaultSubjectPrefix(stream: string): string {
  return stream === DEFAULT_STREAM ? DEFAULT_SUBJECT_PREFIX : `${DEFAULT_SUBJECT_PREFIX}.${stream}`;
}

/** The layout, checked (an Error naming the bad field: the CLI maps it to exit 2). */
export function streamLayout(input: Partial<StreamLayout> = {}): StreamLayout {
  const stream = input.stream ?? DEFAULT_STREAM;
  const subjectPrefix = input.subjectPrefix ?? defaultSubjectPrefix(stream);
  const partitions = input.partitions ?? DEFAULT_PARTITIONS;
  if (!STREAM_NAME.test(stream))
    throw new LayoutError(
      'stream',
      `"${stream}" is not a stream name (a letter, then letters, digits, - and _)`,
    );
  if (!SUBJECT_PREFIX.test(subjectPrefix)) {
    throw new LayoutError(
      'subjectPrefix',
      `"${subjectPrefix}" is not a subject prefix (dot-separated letters, digits, - and _)`,
    );
  }
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new LayoutError('partitions', `must be a whole number from 1 to ${MAX_PARTITIONS}`);
  }
  return { stream, subjectPrefix, partitions };
}

export class LayoutError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'LayoutError';
  }
}

/**
 * The partition of an installation: the first 4 bytes of SHA-256(installation id), big-endian,
 * mod P. A cryptographic hash only because it is the same in every language and version (a
 * runtime's string hash is not); its cost is negligible next to a signature check.
 */
export function partitionOf(installationId: string, partitions: number): number {
  const digest = createHash('sha256').update(installationId, 'utf8').digest();
  return digest.readUInt32BE(0) % partitions;
}

/**
 * An installation id as one subject token. Installation ids are identifiers (letters, digits,
 * `. _ : / -`), and `.` separates subject tokens, so every byte outside `A–Z a–z 0–9 _ - :` is
 * written `%HH` (and `%` itself): reversible, and never `.`, `*`, `>` or whitespace.
 */
export function subjectToken(id: string): string {
  let out = '';
  for (const byte of Buffer.from(id, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_:-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function subjectFor(layout: StreamLayout, installationId: string): string {
  return `${layout.subjectPrefix}.${partitionOf(installationId, layout.partitions)}.${subjectToken(installationId)}`;
}

/** The subject filter of one partition's consumer. */
export function partitionFilter(layout: StreamLayout, partition: number): string {
  return `${layout.subjectPrefix}.${partition}.>`;
}

/** The stream's subjects: one filter per partition (this list is where P is recorded). */
export function streamSubjects(layout: StreamLayout): string[] {
  return Array.from({ length: layout.partitions }, (_, k) => partitionFilter(layout, k));
}

/** Reads P and the prefix back from a stream's subjects; undefined when they are not a layout's. */
export function layoutFromSubjects(stream: string, subjects: readonly string[]): StreamLayout | undefined {
  const prefixes = new Set<string>();
  const seen = new Set<number>();
  for (const subject of subjects) {
    const match = /^(.+)\.(\d+)\.>$/.exec(subject);
    if (!match?.[1] || !match[2]) return undefined;
    prefixes.add(match[1]);
    seen.add(Number(match[2]));
  }
  const [prefix] = prefixes;
  if (prefixes.size !== 1 || !prefix) return undefined;
  for (let k = 0; k < seen.size; k++) if (!seen.has(k)) return undefined;
  return { stream, subjectPrefix: prefix, partitions: seen.size };
}

/** The dead-letter stream that goes with a check-in stream, and its subject. */
export function deadLetterStream(layout: StreamLayout): string {
  return `${layout.stream}_DEAD`;
}

export function deadLetterSubject(layout: StreamLayout, partition: number): string {
  return `${layout.subjectPrefix}.dead.${partition}`;
}

/** The durable consumer of one partition: the same name in every worker process. */
export function consumerName(layout: StreamLayout, partition: number): string {
  return `${layout.stream}_p${partition}`;
}

/**
 * The Nats-Msg-Id of a check-in: device, sequence and the first 16 bytes of SHA-256 of the
 * signature bytes. Re-publishing the same signed check-in gives the same id, so JetStream drops
 * it within its duplicate window; a different check-in that reuses a sequence number has a
 * different signature and so a different id: it is stored and reaches the ledger, where it is
 * judged as the replay or forgery it is. Unambiguous when read from the right (the sequence is
 * digits, the digest hex), whatever `:` the device id holds.
 */
export function checkInMessageId(deviceId: string, sequence: number, signature: string): string {
  const digest = createHash('sha256').update(Buffer.from(signature, 'base64')).digest('hex').slice(0, 32);
  return `${deviceId}:${sequence}:${digest}`;
}
