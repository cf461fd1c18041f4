import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";

/** Fleet, part "lines" (issue #10): filled in by its own change. */
export const fleetLinesRoutes = new Hono<AppEnv>();
