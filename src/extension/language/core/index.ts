// CQL editor intelligence without VS Code: completion, hover and diagnostics over a plain schema model.
export { complete, type CompletionItem, type CompletionOptions, type CompletionResult, type ItemKind } from './complete.js';
export { diagnose, type CqlDiagnostic } from './diagnostics.js';
export { hoverAt, primaryKeyText, tableMarkdown, type CqlHover } from './hover.js';
export { SchemaIndex, type ColumnKind, type SchemaColumn, type SchemaKeyspace, type SchemaModel, type SchemaTable } from '../../schema/schemaIndex.js';
export { keyspaceAt, statementRegion } from './statementScope.js';
