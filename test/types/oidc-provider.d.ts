// oidc-provider ships no types; the test IdP configures it through a typed wrapper of its own.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: unknown) => { callback(): (req: unknown, res: unknown) => void };
  export default Provider;
}
