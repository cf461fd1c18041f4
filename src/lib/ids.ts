import * as z from "zod";

/**
 * An id from a URL or a form: a positive integer of at most 15 digits (a safe integer). One
 * schema for every module; anything else is no such thing, a 404 like an id out of scope.
 */
export const idSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

export function idParam(value: string | undefined): number | null {
  const parsed = idSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
