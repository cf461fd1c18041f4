import { CSRF_FIELD } from "../../src/lib/security.ts";
import { useView } from "./context.ts";

/** The hidden field every unsafe form carries; the token is the request's (src/lib/security.ts). */
export function CsrfField() {
  const { csrfToken } = useView();
  return <input type="hidden" name={CSRF_FIELD} value={csrfToken} />;
}
