import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";

/** Fleet, part "wizard" (issue #10): filled in by its own change. */
export const fleetWizardRoutes = new Hono<AppEnv>();
