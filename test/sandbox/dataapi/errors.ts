// Data API errors as the server reports them: an `errors` item with errorCode/family/scope/title/message. Command
// errors travel in HTTP 200 replies; only authentication failures use 401.
import { randomUUID } from 'node:crypto';

export type ErrorScope =
  | '' | 'SCHEMA' | 'DOCUMENT' | 'FILTER' | 'SORT' | 'UPDATE' | 'PROJECTION' | 'SECURITY' | 'DATABASE' | 'EMBEDDING';

const SCOPES: Record<string, ErrorScope> = {
  UNKNOWN_COLLECTION_OR_TABLE: 'SCHEMA', UNKNOWN_KEYSPACE: 'SCHEMA', EXISTING_COLLECTION_DIFFERENT_SETTINGS: 'SCHEMA',
  TOO_MANY_COLLECTIONS: 'SCHEMA', VECTOR_SEARCH_NOT_SUPPORTED: 'SCHEMA',
  DOCUMENT_ALREADY_EXISTS: 'DOCUMENT', SHRED_BAD_VECTOR_SIZE: 'DOCUMENT', SHRED_BAD_EJSON_VALUE: 'DOCUMENT',
  SHRED_BAD_FIELD_NAME: 'DOCUMENT', SHRED_BAD_DOCUMENT_TYPE: 'DOCUMENT', SHRED_DOC_KEY_NAME_VIOLATION: 'DOCUMENT',
  SHRED_BAD_DOCID_TYPE: 'DOCUMENT', SHRED_DOC_LIMIT_VIOLATION: 'DOCUMENT',
  FILTER_UNSUPPORTED_OPERATOR: 'FILTER', FILTER_INVALID_EXPRESSION: 'FILTER', FILTER_PATH_UNINDEXED: 'FILTER',
  SORT_CLAUSE_INVALID: 'SORT', OVERLOADED_SORT_ROW_LIMIT: 'SORT',
  UNSUPPORTED_UPDATE_OPERATOR: 'UPDATE', UNSUPPORTED_UPDATE_OPERATOR_FOR_DOC_ID: 'UPDATE',
  UNSUPPORTED_UPDATE_OPERATOR_FOR_VECTOR: 'UPDATE', UNSUPPORTED_UPDATE_OPERATION_PARAM: 'UPDATE',
  UNSUPPORTED_UPDATE_OPERATION_TARGET: 'UPDATE', UNSUPPORTED_UPDATE_OPERATION_PATH: 'UPDATE',
  UNSUPPORTED_PROJECTION_PARAM: 'PROJECTION',
  MISSING_AUTHENTICATION_TOKEN: 'SECURITY', UNAUTHENTICATED_REQUEST: 'SECURITY',
  EMBEDDING_PROVIDER_UNAVAILABLE: 'EMBEDDING',
};

const TITLES: Record<string, string> = {
  UNAUTHENTICATED_REQUEST: 'Authentication failed',
  MISSING_AUTHENTICATION_TOKEN: 'Authentication token missing',
  DOCUMENT_ALREADY_EXISTS: 'Document the given _id already exists',
  UNKNOWN_COLLECTION_OR_TABLE: 'Unknown Collection or Table',
  UNKNOWN_KEYSPACE: 'Unknown Keyspace',
};

export class ApiError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly documentIds: unknown[] = [],
  ) {
    super(message);
  }

  get scope(): ErrorScope {
    return SCOPES[this.errorCode] ?? '';
  }

  toWire(): Record<string, unknown> {
    const title = TITLES[this.errorCode] ?? this.errorCode.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    return {
      id: randomUUID(),
      family: this.errorCode === 'SERVER_INTERNAL_ERROR' ? 'SERVER' : 'REQUEST',
      scope: this.scope,
      errorCode: this.errorCode,
      title,
      message: this.message,
      ...(this.documentIds.length ? { documentIds: this.documentIds } : {}),
    };
  }
}

/** Bean-validation style refusals (limits, wrong option types). */
export const invalidField = (message: string) => new ApiError('COMMAND_FIELD_VALUE_INVALID', message);
