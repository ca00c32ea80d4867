// CQL language features: completion, hover and diagnostics for `.cql` files and notebook cells (schema of the
// notebook's or the active connection), and Run Statement / Run All with a results panel for `.cql` files.

import * as vscode from 'vscode';
import type { CqlSessions } from '../cql/sessions.js';
import type { Services } from '../services.js';
import { CqlCodeLensProvider } from './codeLens.js';
import { CqlDiagnostics } from './diagnostics.js';
import { CqlFileRunner, RUN_COMMANDS } from './fileRunner.js';
import { registerProviders } from './providers.js';
import { SchemaCache } from '../schema/schemaCache.js';

export { RUN_COMMANDS };

export function registerLanguage(services: Services, sessions: CqlSessions): void {
  const log = services.logger('language');
  const { connections } = services;
  const schemas = new SchemaCache(connections, log);
  const runner = new CqlFileRunner(services, sessions, log);
  services.context.subscriptions.push(
    schemas,
    registerProviders(connections, sessions, schemas),
    new CqlDiagnostics(connections, sessions, schemas),
    runner,
    vscode.languages.registerCodeLensProvider({ language: 'cql', scheme: 'file' }, new CqlCodeLensProvider()),
    vscode.languages.registerCodeLensProvider({ language: 'cql', scheme: 'untitled' }, new CqlCodeLensProvider()),
    vscode.commands.registerCommand(RUN_COMMANDS.runStatement, (uri?: vscode.Uri | string, offset?: number) => runner.runStatement(uri, offset)),
    vscode.commands.registerCommand(RUN_COMMANDS.runAll, (uri?: vscode.Uri | string) => runner.runAll(uri)),
    vscode.workspace.onDidCloseTextDocument((doc) => runner.forget(doc)),
  );
}
