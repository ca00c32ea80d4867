// The command table: which commands each URL level answers.
import { countDocuments, estimatedDocumentCount, find, findOne } from './commands-read.js';
import { insertMany, insertOne } from './commands-insert.js';
import {
  deleteMany, deleteOne, findOneAndDelete, findOneAndReplace, findOneAndUpdate, updateMany, updateOne,
} from './commands-modify.js';
import { createCollection, createKeyspace, deleteCollection, dropKeyspace, findCollections, findKeyspaces } from './commands-schema.js';
import type { JsonObject } from './json.js';
import { embeddingProviders } from './providers.js';
import type { CommandContext, Reply } from './reply.js';

export type Level = 'database' | 'keyspace' | 'collection';
type Handler = (ctx: CommandContext, body: JsonObject) => Reply;

export const COMMANDS: Record<Level, Record<string, Handler>> = {
  database: {
    findKeyspaces,
    createKeyspace,
    dropKeyspace,
    findEmbeddingProviders: () => ({ status: { embeddingProviders: embeddingProviders() } }),
  },
  keyspace: { findCollections, createCollection, deleteCollection },
  collection: {
    find, findOne, insertOne, insertMany, countDocuments, estimatedDocumentCount,
    updateOne, updateMany, findOneAndUpdate, findOneAndReplace, findOneAndDelete, deleteOne, deleteMany,
  },
};
