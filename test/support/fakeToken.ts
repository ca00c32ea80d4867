// Fake Astra application tokens for tests, built at run time so that no token-shaped literal is committed
// (the repository is scanned for anything that looks like a real token).
export function fakeToken(clientId: string, secretHex: string): string {
  return ['AstraCS', clientId, secretHex].join(':');
}
