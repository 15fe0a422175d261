import type { JsonObject } from '../types.js';

/** Whether a metadata member is a list holding `item` (a member of another type holds nothing). */
export const listed = (value: unknown, item: string): boolean => Array.isArray(value) && value.includes(item);

export type ParsedObject = { ok: true; value: JsonObject } | { ok: false; found: string; notJson: boolean };

/** Parses text that must hold a JSON object, saying what it held instead when it does not. */
export function parseJsonObject(text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, found: 'not JSON', notJson: true };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, found: Array.isArray(value) ? 'a JSON array' : `JSON ${value === null ? 'null' : typeof value}`, notJson: false };
  }
  return { ok: true, value: value as JsonObject };
}
