// oidc-provider ships no types; the test IdP configures it through a typed wrapper of its own.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: unknown) => {
    callback(): (req: unknown, res: unknown) => void;
    /** Adds a Koa middleware in front of the provider's own routes; the test IdP types its context itself. */
    use(middleware: (ctx: never, next: () => Promise<void>) => Promise<void>): void;
  };
  export default Provider;
}
