import { fill } from "../../src/lib/i18n.ts";
import { useView } from "./context.ts";

/** Numbered pages (offset lists that do not grow much: My users, routers). */
type Numbered = { page: number; pages: number; href: (page: number) => string; label?: string };

/**
 * A keyset list (documents, history) knows no page numbers, only where the pages around it start:
 * `first` (back to the start, with its words), `previous` and `next`, each an address or null at that end. With
 * `field`, the links are submit buttons of the form around the pager, carrying the address in
 * that field: the form's own state (ticks on this page) is posted before the other page is shown.
 */
type Keyset = {
  first?: { href: string | null; label: string };
  previous?: string | null;
  next?: string | null;
  labels?: { previous?: string; next?: string };
  field?: string;
  label?: string;
};

function isNumbered(props: Numbered | Keyset): props is Numbered {
  return "pages" in props;
}

/**
 * The pages of a list (GOV.UK "Pagination"): previous and next as real links with rel=prev/next,
 * "Page X of Y" between them for numbered pages. Nothing when everything fits on one page.
 */
export function Pager(props: Numbered | Keyset) {
  const { t } = useView();
  if (!isNumbered(props)) return <KeysetPager {...props} />;
  const { page, pages, href, label } = props;
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

function KeysetPager({ first, previous, next, labels = {}, field, label }: Keyset) {
  const { t } = useView();
  const steps = [
    { href: first?.href, text: first?.label ?? "", rel: undefined },
    { href: previous, text: labels.previous ?? t.app.previousPage, rel: "prev" },
    { href: next, text: labels.next ?? t.app.nextPage, rel: "next" },
  ].filter((step): step is { href: string; text: string; rel: string | undefined } => Boolean(step.href));
  if (steps.length === 0) return null;
  return (
    <nav aria-label={label ?? t.app.pages}>
      <p>
        {steps.map((step, i) => (
          <>
            {i > 0 ? " " : null}
            {field ? (
              <button type="submit" class="linkbutton" name={field} value={step.href}>
                {step.text}
              </button>
            ) : (
              <a href={step.href} rel={step.rel}>
                {step.text}
              </a>
            )}
          </>
        ))}
      </p>
    </nav>
  );
}
