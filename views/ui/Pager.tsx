import { fill } from "../../src/lib/i18n.ts";
import { useView } from "./context.ts";

/**
 * Numbered pages (GOV.UK "Pagination"): previous and next as real links with rel=prev/next and
 * "Page X of Y" between them. Nothing when everything fits on one page.
 */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label?: string }) {
  const { t } = useView();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label ?? t.app.pages}>
      <p>
        {page > 1 ? (
          <a href={href(page - 1)} rel="prev">
            {t.app.previousPage}
          </a>
        ) : null}{" "}
        {fill(t.app.pageOf, { page, pages })}{" "}
        {page < pages ? (
          <a href={href(page + 1)} rel="next">
            {t.app.nextPage}
          </a>
        ) : null}
      </p>
    </nav>
  );
}
