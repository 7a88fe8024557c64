/**
 * Publishing check-ins to the stream: what `POST /v1/checkins` does when the server runs with
 * `--nats` (the QueuedCheckInIntake's publisher, after admission). The check-in is validated here, so a malformed body
 * is a 400 at the edge and never enters the stream.
 */

import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { CheckInPublisher, CheckInRoute } from '../ledger/monitoring/index.js';
import type { Principal } from '../ledger/principal.js';
import { parseCheckIn } from '../monitoring/index.js';
import { checkInMessageId, type StreamLayout, subjectFor } from './layout.js';
import { setPrincipalHeaders } from './principal-headers.js';

export interface PublishResult {
  /** The stream that stored it, and its sequence number there (of the first copy, for a duplicate). */
  readonly stream: string;
  readonly seq: number;
  /** JetStream already had this check-in (same device, sequence and signature) within its duplicate window. */
  readonly duplicate: boolean;
}

/** Headers a published check-in carries (read by the worker and kept on dead letters). */
export const HEADER_DEVICE = 'Chipexport-Device';
export const HEADER_INSTALLATION = 'Chipexport-Installation';
export const HEADER_ORGANIZATION = 'Chipexport-Organization';

export class NatsCheckInPublisher implements CheckInPublisher {
  private readonly js: JetStreamClient;

  constructor(
    private readonly nc: NatsConnection,
    readonly layout: StreamLayout,
  ) {
    this.js = jetstream(nc);
  }

  /** Resolves when the NATS server answers a round trip (GET /readyz). */
  async ready(): Promise<void> {
    await this.nc.rtt();
  }

  /**
   * Publishes one check-in on its installation's subject; resolves when JetStream has stored it.
   * `principal`: the admitted caller, whom the worker names in the audit entry.
   */
  async publish(raw: unknown, route: CheckInRoute, principal?: Principal): Promise<PublishResult> {
    const checkIn = parseCheckIn(raw);
    const h = headers();
    if (principal) setPrincipalHeaders(h, principal);
    h.set(HEADER_DEVICE, checkIn.deviceId);
    h.set(HEADER_INSTALLATION, route.installationId);
    h.set(HEADER_ORGANIZATION, route.organizationId);
    const ack = await this.js.publish(
      subjectFor(this.layout, route.installationId),
      JSON.stringify(checkIn),
      {
        msgID: checkInMessageId(checkIn.deviceId, checkIn.sequence, checkIn.signature),
        headers: h,
      },
    );
    return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  }
}
