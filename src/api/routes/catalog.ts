import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countryStanding, diffusionTier } from '../../catalog/standing.js';
import { classifyChip } from '../../classify/classify.js';
import { CHIP_CATALOG } from '../../data/chips.js';
import { COUNTRIES, COUNTRY_SOURCE } from '../../data/countries.js';
import { parseIsoDate } from '../../domain/dates.js';
import type { Ledger } from '../../ledger/ledger.js';
import { errors, open } from '../schemas.js';

export const ChipCatalogResponse = open({
  chips: z.array(
    open({
      id: z.string(),
      vendor: z.string(),
      name: z.string(),
      tpp: z.number(),
      dieAreaMm2: z.number().nullable(),
      memoryBandwidthGBs: z.number(),
      datacenter: z.boolean(),
      source: z.string().describe('where the TPP and other figures come from'),
      classification: open({
        class: z.string(),
        eccn: z.string().nullable(),
        h100e: z.number(),
        pd: z.number().nullable(),
        basis: z.string(),
        citation: z.string(),
      }),
    }),
  ),
});

export const CountryCatalogQuery = z.strictObject({
  asOf: z.iso.date('must be a real date, YYYY-MM-DD').optional().describe('default: today'),
});
const Standing = open({ group: z.string(), label: z.string(), source: z.string() });
export const CountryCatalogResponse = open({
  asOf: z.string(),
  source: z.string(),
  countries: z.array(
    open({
      code: z.string(),
      alpha3: z.string(),
      name: z.string(),
      tier: z.number().nullable().describe('AI Diffusion tier (1, 2 or 3) on `asOf`'),
      frameworks: z.record(z.string(), Standing.nullable()).describe('standing under each framework'),
    }),
  ),
});

/** Reference data the dashboard's forms and maps need: chips and countries, with their sources. */
export const catalogRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const { registry } = ledger.ctx;
  // The catalog is fixed for the life of the process: classified once.
  const chips = CHIP_CATALOG.map((chip) => {
    const c = classifyChip(chip);
    return {
      ...chip,
      classification: {
        class: c.class,
        eccn: c.eccn,
        h100e: c.h100e,
        pd: c.pd,
        basis: c.basis,
        citation: c.citation,
      },
    };
  });

  app.get(
    '/catalog/chips',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The chip catalog: figures, 3A090 classification and sources (any role)',
        response: { 200: ChipCatalogResponse, ...errors(401) },
      },
    },
    async () => ({ chips }),
  );

  app.get(
    '/catalog/countries',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Countries (ISO 3166-1) with their tier or group under each framework on a date (any role)',
        querystring: CountryCatalogQuery,
        response: { 200: CountryCatalogResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const asOf = parseIsoDate(request.query.asOf ?? ledger.ctx.now().toISOString().slice(0, 10), ['asOf']);
      const ids = registry.ids();
      return {
        asOf,
        source: COUNTRY_SOURCE,
        countries: COUNTRIES.map((c) => {
          const frameworks = Object.fromEntries(
            ids.map((id) => [id, countryStanding(registry, id, c.code, asOf)]),
          );
          return {
            code: c.code,
            alpha3: c.alpha3,
            name: c.name,
            tier: frameworks['us-ai-diffusion-2025'] ? diffusionTier(registry, c.code, asOf) : null,
            frameworks,
          };
        }),
      };
    },
  );
};
