// Status bar entry: which connection new notebooks use, at which consistency; a click opens the picker.

import * as vscode from 'vscode';
import type { AstraConnectionService } from './connectionService.js';

const ICONS = { connected: '$(database)', connecting: '$(sync~spin)', error: '$(warning)', disconnected: '$(debug-disconnect)' };

export function createStatusBar(service: AstraConnectionService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('astra.activeConnection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Astra DB connection';
  item.command = 'astra.selectActiveConnection';

  const update = () => {
    const id = service.activeProfileId();
    const profile = id ? service.profile(id) : undefined;
    const consistency = service.settings().defaultConsistency;
    if (!id || !profile) {
      item.text = '$(database) Astra: not connected';
      item.tooltip = 'Astra DB: choose or add a connection';
      item.backgroundColor = undefined;
    } else {
      const state = service.state(id);
      item.text = `${ICONS[state]} ${profile.name} · ${consistency}`;
      const tip = new vscode.MarkdownString(undefined, true);
      tip.isTrusted = false;
      tip.appendText(`Astra DB — ${profile.name} (${state})\n\n`);
      tip.appendText(
        profile.kind === 'bundle'
          ? `Host ${profile.host}${profile.localDataCenter ? `, DC ${profile.localDataCenter}` : ''}\n\n`
          : `${profile.contactPoints.join(', ')}:${profile.port}, DC ${profile.localDataCenter}\n\n`,
      );
      if (profile.defaultKeyspace) tip.appendText(`Default keyspace ${profile.defaultKeyspace}\n\n`);
      tip.appendText(`Default consistency ${consistency} (setting astra.defaultConsistency)`);
      const error = service.lastError(id);
      if (state === 'error' && error) tip.appendText(`\n\nLast error: ${error}`);
      item.tooltip = tip;
      item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    item.show();
  };

  update();
  // A consistency change reaches us through onDidChange (the service re-applies it to open clients first).
  return vscode.Disposable.from(item, service.onDidChange(update));
}
