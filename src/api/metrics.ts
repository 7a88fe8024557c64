import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Ledger } from '../ledger/ledger.js';
import type { WorkerEvent } from '../stream/worker.js';

/** A check-in's result as the ledger reports it (the fields counted). */
export interface CountedCheckIn {
  readonly accepted: boolean;
  readonly duplicate: boolean;
  readonly problems: readonly string[];
}

export interface MetricsOptions {
  /** Messages not yet processed per JetStream partition (pending + unacknowledged), when NATS is on. */
  readonly consumerLag?: () => Promise<ReadonlyMap<number, number>>;
}

/**
 * What `GET /metrics` exposes, in the Prometheus text format (prom-client): HTTP request
 * rates and latency, check-ins ingested and verification failures by kind, JetStream consumer
 * lag, the audit integrator's delay and the audit tree's size. One registry per server, so
 * several servers in one process (tests) keep their own counts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly checkIns: Counter<'path' | 'result'>;
  private readonly verificationFailures: Counter<'kind'>;
  private readonly deadLetters: Counter<'reason'>;
  private readonly integration: Histogram<string>;
  private readonly unsubscribe: () => void;

  constructor(ledger: Ledger, options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'chipexport_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'chipexport_http_request_duration_seconds',
      help: 'HTTP request latency, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.checkIns = new Counter({
      name: 'chipexport_checkins_ingested_total',
      help: 'Check-ins the ledger processed in this process, by path (in-process or stream) and result (accepted, rejected, duplicate)',
      labelNames: ['path', 'result'],
      registers,
    });
    this.verificationFailures = new Counter({
      name: 'chipexport_checkin_verification_failures_total',
      help: 'Problems found verifying check-ins (forged, replayed, stale-nonce, bad-landmark-signature, …), by kind',
      labelNames: ['kind'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'chipexport_checkin_dead_letters_total',
      help: 'Check-in messages the stream worker dead-lettered, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.integration = new Histogram({
      name: 'chipexport_audit_integration_delay_seconds',
      help: 'Age of the oldest entry in each batch this process integrated into the audit log',
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 30],
      registers,
    });
    this.unsubscribe = ledger.ctx.audit.onBatch((batch) => this.integration.observe(batch.maxDelayMs / 1000));
    new Gauge({
      name: 'chipexport_audit_tree_size',
      help: 'Entries integrated into the audit log (the signed tree size)',
      registers,
      async collect() {
        this.set((await ledger.ctx.audit.head()).size);
      },
    });
    new Gauge({
      name: 'chipexport_audit_integrator_failures',
      help: "Integration batches this process's integrator failed (each is retried next period)",
      registers,
      collect() {
        this.set(ledger.ctx.audit.stats.failures);
      },
    });
    new Gauge({
      name: 'chipexport_audit_pending_entries',
      help: 'Committed audit entries waiting for the integrator',
      registers,
      async collect() {
        this.set(await ledger.ctx.audit.pending());
      },
    });
    new Gauge({
      name: 'chipexport_audit_oldest_pending_seconds',
      help: 'How long the oldest committed entry not yet integrated has waited (0 when none): the integrator delay now',
      registers,
      async collect() {
        this.set(await ledger.ctx.audit.oldestPendingSeconds());
      },
    });
    const lag = options.consumerLag;
    if (lag) {
      new Gauge({
        name: 'chipexport_jetstream_consumer_lag',
        help: 'Check-in messages not yet processed (pending and unacknowledged), by stream partition',
        labelNames: ['partition'],
        registers,
        async collect() {
          this.reset();
          for (const [partition, n] of await lag()) this.set({ partition: String(partition) }, n);
        },
      });
    }
  }

  /** One answered request; `route` is the route pattern (never the raw URL: bounded labels). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeCheckIn(path: 'in-process' | 'stream', outcome: CountedCheckIn): void {
    const result = outcome.duplicate ? 'duplicate' : outcome.accepted ? 'accepted' : 'rejected';
    this.checkIns.inc({ path, result });
    if (outcome.duplicate) return;
    for (const kind of outcome.problems) this.verificationFailures.inc({ kind });
  }

  /** The stream worker's events, as `serve --worker` sees them. */
  observeWorkerEvent(event: WorkerEvent): void {
    if (event.kind === 'processed') this.observeCheckIn('stream', event.outcome);
    else if (event.kind === 'dead-letter') this.deadLetters.inc({ reason: event.reason });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.unsubscribe();
  }
}
