import type { currentStaffCodes } from "../../src/features/desk/service.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";

/** /dev/totp (development only): the demo staff's current codes, instead of an authenticator app. */
export function DevTotpPage({ staff }: { staff: Awaited<ReturnType<typeof currentStaffCodes>> }) {
  const { t } = useView();
  const d = t.desk.devTotp;
  return (
    <>
      <h1>{d.title}</h1>
      <p class="hint">{d.intro}</p>
      <DataTable columns={[d.username, d.name, d.role, d.code]}>
        {staff.map((s) => (
          <tr>
            <td>{s.username}</td>
            <td>{s.name}</td>
            <td>{t.desk.roles[s.role]}</td>
            <td>
              <strong>{s.code}</strong>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
