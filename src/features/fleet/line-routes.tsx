import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";

/** Fleet, part "line" (issue #10): filled in by its own change. */
export const fleetLineRoutes = new Hono<AppEnv>();
