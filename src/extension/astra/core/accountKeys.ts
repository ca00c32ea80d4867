// Names shared by the account feature and the features that reuse its token (the Data API): where the token is kept
// in SecretStorage, and the test hook naming a CA file to trust for Astra's HTTP APIs (the sandbox's).

export const TOKEN_KEY = 'astra.account.token';
/** Test hook (like ASTRA_DB_VSCODE_DEMO): a PEM file trusted for the DevOps and Data APIs, e.g. the sandbox CA. */
export const DEVOPS_CA_ENV = 'ASTRA_DB_VSCODE_DEVOPS_CA';
