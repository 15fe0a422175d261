export type TemplateId = 'public' | 'shared' | 'oauth';
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** Everything needed to create a project, after flags, prompts and defaults. */
export interface Answers {
  /** Target directory as given (relative to the working directory, or absolute). */
  dir: string;
  template: TemplateId;
  /** npm package name. */
  name: string;
  description: string;
  idp: string;
  issuer?: string;
  pm: PackageManager;
  install: boolean;
  git: boolean;
  overwrite: boolean;
}

/** A file of the project to create: a relative POSIX path and its bytes. */
export interface PlannedFile {
  path: string;
  content: string;
}

/**
 * How a generated project depends on create-connector, which gives it `connector-lint`: a registry
 * version range, or a tarball stored in the project.
 */
export interface SelfDependency {
  /** The `create-connector` entry of the project's devDependencies. */
  spec: string;
  /** The tarball's path inside the project, when `spec` points at one. */
  tarball?: string;
}
