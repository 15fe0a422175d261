/** Whether an environment flag such as `CI` is on: set, and not empty, `0` or `false`. */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
