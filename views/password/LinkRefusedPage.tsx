import { Notice } from "../ui/Field.tsx";

/** An e-mailed link that cannot be used any more, and where to go instead. */
export function LinkRefusedPage({ title, message, next }: { title: string; message: string; next: { href: string; label: string } }) {
  return (
    <>
      <h1>{title}</h1>
      <section class="card">
        <Notice kind="error">{message}</Notice>
        <p>
          <a href={next.href}>{next.label}</a>
        </p>
      </section>
    </>
  );
}
