// Which database a collection node or a document browser talks to, and how that becomes an endpoint and a token.
// Account databases use the account token; bundle connections use their own application token (or, for Client ID
// connections, the account token when signed in). The token is read from SecretStorage on every resolve, so a
// signed-out account or an edited credential takes effect at once.

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import { astraDatabaseId } from '../astra/core/databases.js';
import { TOKEN_KEY } from '../astra/core/accountKeys.js';
import { rememberSecret } from '../secrets/knownSecrets.js';
import { checkEndpointOverride, dataApiEndpoint, endpointFromBundleHost } from './core/endpoint.js';
import { DataApiError } from './core/dataApiErrors.js';
import type { DatabaseRef } from './core/collectionNodes.js';

export type { DatabaseRef };

export interface ResolvedDatabase {
  endpoint: string;
  token: string;
  /** For titles and messages: the database or connection name. */
  label: string;
}

function fail(message: string): never {
  throw new DataApiError({ kind: 'other', message });
}

export class DatabaseResolver {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly connections: ConnectionService,
  ) {}

  /** The override from the settings, or undefined to derive per database. */
  private override(): string | undefined {
    const check = checkEndpointOverride(vscode.workspace.getConfiguration('astra').get<string>('dataApiUrl'));
    if (check && 'error' in check) fail(check.error);
    return check?.url;
  }

  private async accountToken(): Promise<string | undefined> {
    const token = await this.secrets.get(TOKEN_KEY);
    rememberSecret(token);
    return token;
  }

  /** Whether a bundle connection can reach collections at all (known database id); no secrets read. */
  canServe(profileId: string): boolean {
    const p = this.connections.profile(profileId);
    return p?.kind === 'bundle' && !!astraDatabaseId(p);
  }

  async resolve(ref: DatabaseRef): Promise<ResolvedDatabase> {
    const override = this.override();
    if (ref.source === 'account') {
      const endpoint = override ?? dataApiEndpoint(ref.databaseId, ref.region);
      if (!endpoint) fail(`The database ${ref.name} has no region the Data API endpoint can be derived from.`);
      const token = await this.accountToken();
      if (!token) fail('Sign in to the Astra account first (Add Databases from Astra Account…).');
      return { endpoint, token, label: ref.name };
    }
    const p = this.connections.profile(ref.profileId);
    if (!p || p.kind !== 'bundle') fail('The connection no longer exists or is not an Astra connection.');
    const endpoint = override ?? endpointFromBundleHost(p.host);
    if (!endpoint) fail(`The Data API endpoint of "${p.name}" is unknown (its bundle host is not an Astra host). Set astra.dataApiUrl.`);
    let token: string | undefined;
    if (p.authKind === 'token') {
      token = (await this.connections.credentials(p.id))?.password;
      rememberSecret(token);
    }
    token ??= await this.accountToken();
    if (!token) fail(`"${p.name}" uses a Client ID and secret; the Data API needs an application token. Sign in to the Astra account.`);
    return { endpoint, token, label: p.name };
  }
}
