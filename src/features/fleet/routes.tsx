import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { fleetBulkRoutes } from "./bulk-routes.tsx";
import { fleetCallsRoutes } from "./calls-routes.tsx";
import { fleetContractRoutes } from "./contract-routes.tsx";
import { fleetLineRoutes } from "./line-routes.tsx";
import { fleetLinesRoutes } from "./lines-routes.tsx";
import { fleetUsageRoutes } from "./usage-routes.tsx";
import { fleetManagersRoutes } from "./managers-routes.tsx";
import { fleetPacksRoutes } from "./packs-routes.tsx";
import { fleetWizardRoutes } from "./wizard-routes.tsx";

/**
 * The fleet module (003, /{lang}/fleet…): the overview, selection and export (lines), one line's
 * page and actions (line), adding a SIM (wizard), and bulk plan/option changes (bulk). Each part
 * is a router of its own file; this one mounts them.
 */
export const fleetRoutes = new Hono<AppEnv>();
fleetRoutes.route("/", fleetLinesRoutes);
fleetRoutes.route("/", fleetWizardRoutes);
fleetRoutes.route("/", fleetBulkRoutes);
fleetRoutes.route("/", fleetUsageRoutes);
fleetRoutes.route("/", fleetCallsRoutes);
fleetRoutes.route("/", fleetLineRoutes);
fleetRoutes.route("/", fleetManagersRoutes);
fleetRoutes.route("/", fleetContractRoutes);
fleetRoutes.route("/", fleetPacksRoutes);
