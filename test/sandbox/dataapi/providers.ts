// Embedding providers the stand-in admits for `vector.service` (a small subset of Astra's list, same shape as
// findEmbeddingProviders). Their text is embedded by embed.ts, not by the provider; the list gives model dimensions.
import { Num, type JsonObject } from './json.js';

interface Model {
  name: string;
  vectorDimension: number;
}

const PROVIDERS: Record<string, { displayName: string; auth: string[]; models: Model[] }> = {
  nvidia: { displayName: 'Nvidia', auth: ['NONE'], models: [{ name: 'NV-Embed-QA', vectorDimension: 1024 }] },
  openai: {
    displayName: 'OpenAI',
    auth: ['HEADER', 'SHARED_SECRET'],
    models: [
      { name: 'text-embedding-3-small', vectorDimension: 1536 },
      { name: 'text-embedding-3-large', vectorDimension: 3072 },
      { name: 'text-embedding-ada-002', vectorDimension: 1536 },
    ],
  },
};

/** The model's dimension, used when createCollection names a service but no dimension. */
export function modelDimension(provider: string, model: string | undefined): number | undefined {
  return PROVIDERS[provider]?.models.find((m) => m.name === model)?.vectorDimension;
}

export function embeddingProviders(): JsonObject {
  const out: JsonObject = {};
  for (const [name, p] of Object.entries(PROVIDERS)) {
    out[name] = {
      displayName: p.displayName,
      url: null,
      supportedAuthentication: Object.fromEntries(p.auth.map((a) => [a, { enabled: true, tokens: [] }])),
      parameters: [],
      models: p.models.map((m) => ({ name: m.name, vectorDimension: Num.of(m.vectorDimension), parameters: [] })),
    };
  }
  return out;
}
