import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ledger } from '../../ledger/ledger.js';
import type { CheckInIntake } from '../../ledger/monitoring/index.js';
import {
  acknowledgeAlert,
  coverageReport,
  enrollDevice,
  getDevice,
  getMonitoringSettings,
  issueCheckInNonce,
  listAlerts,
  listDevices,
  listLandmarks,
  monitoringReport,
  registerLandmark,
  reportCsv,
  resolveAlert,
  retireDevice,
  updateMonitoringSettings,
} from '../../ledger/monitoring/index.js';
import { principalOf } from '../auth.js';
import {
  AcknowledgeBody,
  AlertList,
  AlertListQuery,
  AlertRecord,
  CheckInBody,
  CheckInOutcomeRecord,
  CoverageReportRecord,
  DeviceList,
  DeviceListQuery,
  DeviceRecord,
  EnrollDeviceBody,
  LandmarkList,
  LandmarkRecord,
  MonitoringReportRecord,
  MonitoringSettingsPatch,
  MonitoringSettingsRecord,
  NonceBody,
  NonceResponse,
  QueuedCheckIn,
  RegisterLandmarkBody,
  ReportQuery,
  ResolveBody,
  RetireBody,
} from '../monitoring-schemas.js';
import { errors, IdParams } from '../schemas.js';

const TAG = 'monitoring';

/** Post-export chip monitoring (docs/monitoring-protocol.md, "HTTP API"). */
export const monitoringRoutes: FastifyPluginAsyncZod<{
  ledger: Ledger;
  checkinIntake: CheckInIntake;
}> = async (app, { ledger, checkinIntake }) => {
  const { ctx } = ledger;

  app.post(
    '/devices',
    {
      schema: {
        tags: [TAG],
        summary: "Enroll a chip's device key (exporter; own active license and installation)",
        description: 'A license carries at most as many active devices as it licenses chips (409 beyond).',
        body: EnrollDeviceBody,
        response: { 201: DeviceRecord, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enrollDevice(ctx, principalOf(request), request.body)),
  );

  app.get(
    '/devices',
    {
      schema: {
        tags: [TAG],
        summary: 'Enrolled devices with their monitoring status',
        description:
          'An exporter sees its own; the regulator and auditors all; a host government those installed in its country.',
        querystring: DeviceListQuery,
        response: { 200: DeviceList, ...errors(400, 401) },
      },
    },
    async (request) => ({ devices: await listDevices(ctx, principalOf(request), request.query) }),
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'One device and its monitoring status',
        params: IdParams,
        response: { 200: DeviceRecord, ...errors(400, 401, 404) },
      },
    },
    async (request) => getDevice(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/devices/:id/retire',
    {
      schema: {
        tags: [TAG],
        summary: 'Retire a device: it no longer checks in or counts against its license (exporter)',
        params: IdParams,
        body: RetireBody,
        response: { 200: DeviceRecord, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => retireDevice(ctx, principalOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/landmarks',
    {
      schema: {
        tags: [TAG],
        summary: 'Register a landmark: position, operator and Ed25519 receipt key (regulator)',
        body: RegisterLandmarkBody,
        response: { 201: LandmarkRecord, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerLandmark(ctx, principalOf(request), request.body)),
  );

  app.get(
    '/landmarks',
    {
      schema: {
        tags: [TAG],
        summary: 'Registered landmarks (every role: receipts are checked against them)',
        response: { 200: LandmarkList, ...errors(401) },
      },
    },
    async (request) => ({ landmarks: await listLandmarks(ctx, principalOf(request)) }),
  );

  app.post(
    '/checkins/nonce',
    {
      schema: {
        tags: [TAG],
        summary:
          "A fresh single-use nonce for a device's next check-in, and the landmarks it must answer (exporter, own device)",
        description:
          'The check-in lists the landmark ids as `assignment` (signed) and carries a receipt from each; ' +
          'without them it is accepted with problem `missing-receipts` and is no location proof.',
        body: NonceBody,
        response: { 200: NonceResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => issueCheckInNonce(ctx, principalOf(request), request.body),
  );

  app.post(
    '/checkins',
    {
      schema: {
        tags: [TAG],
        summary: 'Submit a signed check-in (exporter, own device)',
        description:
          'Verified and stored in-process (200, the outcome), or queued for the monitor workers when ' +
          'the server runs with NATS (202). Idempotent: the same check-in again returns the stored ' +
          'outcome with `duplicate: true`.',
        body: CheckInBody,
        response: { 200: CheckInOutcomeRecord, 202: QueuedCheckIn, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const answer = await checkinIntake.submit(principalOf(request), request.body);
      if (answer.kind === 'queued') {
        const { kind: _, ...queued } = answer;
        return reply.status(202).send({ queued: true as const, ...queued });
      }
      app.metrics.observeCheckIn('in-process', answer.outcome);
      return reply.status(200).send(answer.outcome);
    },
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags: [TAG],
        summary: 'Monitoring alerts (visible as devices are)',
        querystring: AlertListQuery,
        response: { 200: AlertList, ...errors(400, 401) },
      },
    },
    async (request) => ({ alerts: await listAlerts(ctx, principalOf(request), request.query) }),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      schema: {
        tags: [TAG],
        summary: "Acknowledge an open alert (the regulator, or the device's exporter)",
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: AlertRecord, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => acknowledgeAlert(ctx, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      schema: {
        tags: [TAG],
        summary: 'Resolve an alert: false alarm, remediated, or referred (regulator)',
        params: IdParams,
        body: ResolveBody,
        response: { 200: AlertRecord, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => resolveAlert(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/monitoring/settings',
    {
      schema: {
        tags: [TAG],
        summary: 'Monitoring settings: check-in interval, landmarks per check-in, nonce lifetime',
        response: { 200: MonitoringSettingsRecord, ...errors(401) },
      },
    },
    async (request) => {
      principalOf(request);
      return getMonitoringSettings(ctx);
    },
  );

  app.patch(
    '/monitoring/settings',
    {
      schema: {
        tags: [TAG],
        summary: 'Change the check-in interval and the landmarks per check-in (regulator, audited)',
        body: MonitoringSettingsPatch,
        response: { 200: MonitoringSettingsRecord, ...errors(400, 401, 403) },
      },
    },
    async (request) => updateMonitoringSettings(ctx, principalOf(request), request.body),
  );

  app.get(
    '/monitoring/coverage',
    {
      schema: {
        tags: [TAG],
        summary:
          "Installations today's landmarks cannot verify, and why (regulator, auditor, host government)",
        description:
          'Per installation: the landmarks a nonce would assign, whether one is in the metro area, and the ' +
          'verdict at the physical minimum round trip; unverifiable installations first.',
        response: { 200: CoverageReportRecord, ...errors(401, 403) },
      },
    },
    async (request) => coverageReport(ctx, principalOf(request)),
  );

  app.get(
    '/monitoring/report',
    {
      schema: {
        tags: [TAG],
        summary: 'Chip Security Act report: location changes, diversion and tampering (JSON or CSV)',
        description:
          'Alerts opened from `from` to `to` (UTC days, inclusive), each in one category. ' +
          '`format=csv`: the events one per line, header row first (text/csv).',
        querystring: ReportQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([MonitoringReportRecord, z.string()]), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const report = await monitoringReport(ctx, principalOf(request), request.query);
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="monitoring-report-${report.from}-${report.to}.csv"`,
          )
          .send(reportCsv(report));
      }
      return report;
    },
  );
};
