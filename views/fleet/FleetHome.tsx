import { mayManageManagers } from "../../src/features/fleet/managers-service.ts";
import { managesFleet } from "../../src/features/fleet/scope.ts";
import { mayOpen } from "../../src/lib/applications.ts";
import { can, fleetRoleOf } from "../../src/lib/principal.ts";
import { useView } from "../ui/context.ts";

/** 003 "Tableau de bord": the tiles of the manual that exist in the portal, each only with its right. */
export function FleetHome() {
  const { t, locale, principal } = useView();
  const h = t.fleetLines.home;
  const p = principal!;
  const tiles = [
    { href: "/fleet/lines", label: h.manageSims, show: true },
    { href: "/fleet/lines/new", label: h.addSim, show: managesFleet(p) && can(p, "fleet", "manage") },
    { href: "/fleet/contract", label: t.fleetContract.tile, show: fleetRoleOf(p) !== null },
    { href: "/fleet/usage", label: t.fleetUsage.tile, show: true },
    { href: "/fleet/contract?tab=packs", label: t.fleetContract.tilePacks, show: managesFleet(p) && can(p, "fleet", "manage") },
    { href: "/fleet/managers", label: h.manageUsers, show: mayManageManagers(p) },
    { href: "/tickets/new", label: h.createTicket, show: can(p, "complaints", "create") },
    { href: "/balance", label: h.payInvoices, show: mayOpen(p, "billing") },
  ].filter((tile) => tile.show);
  return (
    <>
      <h1>{h.title}</h1>
      <p class="hint">{h.intro}</p>
      <section class="card" aria-labelledby="fleet-tasks">
        <h2 id="fleet-tasks">{h.tasks}</h2>
        <ul class="tiles">
          {tiles.map((tile) => (
            <li>
              <a href={`/${locale}${tile.href}`}>{tile.label}</a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
