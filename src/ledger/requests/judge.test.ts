import { describe, expect, it } from 'vitest';
import { gb300 } from '../../../test/support/api.js';
import { InputError } from '../../domain/errors.js';
import { parseExportRequest } from '../../domain/request.js';
import { registry } from '../../frameworks/registry.js';
import { determine } from '../../rules/determine.js';
import { toDeterminationJson } from '../../rules/render.js';
import type { RequestScreening } from '../screening.js';
import { judgeRequest, storedSubmission } from './judge.js';

const framework = registry.require('us-ai-diffusion-2025');
const screening = (blocking: number): RequestScreening => ({
  listVersion: 'v1',
  algorithm: 'test',
  screenedAt: '2025-06-01T00:00:00.000Z',
  parties: [],
  blocking,
  entityList: [],
});

describe('judgeRequest', () => {
  const request = parseExportRequest(gb300(100));

  it('stores the engine’s determination as rendered, determined when nothing blocks it', () => {
    const judgement = judgeRequest(framework, request, screening(0));
    expect(judgement.status).toBe('determined');
    expect(judgement.determination).toEqual(toDeterminationJson(determine(framework, request)));
    expect(judgement.det.outcome).toBe(judgement.determination.outcome);
  });

  it('holds a request a screening hit blocks, with the same determination', () => {
    const held = judgeRequest(framework, request, screening(1));
    expect(held.status).toBe('held');
    expect(held.determination).toEqual(judgeRequest(framework, request, screening(0)).determination);
  });

  it('reports an input the engine refuses under "request", the field it was sent in', () => {
    // TPP between the thresholds: the class depends on performance density, so the die area is required.
    const noDie = parseExportRequest({
      ...gb300(1),
      items: [{ customChip: { name: 'X1', tpp: 3000, dieAreaMm2: null }, quantity: 10 }],
    });
    let thrown: unknown;
    try {
      judgeRequest(framework, noDie, screening(0));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const issue = (thrown as InputError).issues[0]!;
    expect(issue.code).toBe('missing_die_area');
    expect(issue.path.slice(0, 3)).toEqual(['request', 'items', 0]);
  });
});

describe('storedSubmission', () => {
  it('builds the request row and the audit record from the judgement', () => {
    const sent = gb300(100, { id: 'ref-7' });
    const request = parseExportRequest(sent);
    const judgement = judgeRequest(framework, request, screening(2));
    const { row, record } = storedSubmission({
      id: 'req_1',
      organizationId: 'org_1',
      framework,
      sent,
      request,
      installationId: undefined,
      standing: { kind: 'analysis', reason: 'dated otherwise' },
      screening: screening(2),
      judgement,
    });
    expect(row).toMatchObject({
      id: 'req_1',
      organization_id: 'org_1',
      reference: 'ref-7',
      framework: framework.id,
      framework_revision: framework.revision,
      status: 'held',
      installation_id: null,
      kind: 'analysis',
      outcome: judgement.det.outcome,
    });
    expect(JSON.parse(row.input)).toEqual(sent);
    expect(JSON.parse(row.normalized)).toEqual(JSON.parse(JSON.stringify(request)));
    expect(JSON.parse(row.determination)).toEqual(JSON.parse(JSON.stringify(judgement.determination)));
    expect(record).toEqual({
      kind: 'analysis',
      framework: framework.id,
      revision: framework.revision,
      status: 'held',
      outcome: judgement.det.outcome,
      authorization: judgement.det.authorization,
      licensePolicy: judgement.det.licensePolicy,
      screening: { listVersion: 'v1', blocking: 2, entityList: 0 },
    });
  });
});
