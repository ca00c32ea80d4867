// A "Run" CodeLens above every statement of a `.cql` file (and "Run All" above the first one).

import * as vscode from 'vscode';
import { splitStatements } from '../cql/statements.js';
import { RUN_COMMANDS } from './fileRunner.js';

export class CqlCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Notebook cells run through the notebook; lenses are for files.
    if (doc.uri.scheme === 'vscode-notebook-cell') return [];
    const lenses: vscode.CodeLens[] = [];
    splitStatements(doc.getText()).forEach((s, i) => {
      const range = new vscode.Range(s.line, s.column, s.line, s.column);
      if (i === 0) lenses.push(new vscode.CodeLens(range, { title: '$(run-all) Run All', command: RUN_COMMANDS.runAll, arguments: [doc.uri.toString()] }));
      lenses.push(new vscode.CodeLens(range, { title: '$(play) Run', command: RUN_COMMANDS.runStatement, arguments: [doc.uri.toString(), s.start] }));
    });
    return lenses;
  }
}
