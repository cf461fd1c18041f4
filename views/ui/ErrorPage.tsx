import { useView } from "./context.ts";

export function ErrorPage({ message }: { message: string }) {
  const { t, locale } = useView();
  return (
    <section class="card">
      <h1>{t.errors.title}</h1>
      <p class="notice error" role="alert">
        {message}
      </p>
      <p>
        <a href={`/${locale}`}>{t.errors.goHome}</a>
      </p>
    </section>
  );
}
