import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";

/** Fleet, part "bulk" (issue #10): filled in by its own change. */
export const fleetBulkRoutes = new Hono<AppEnv>();
