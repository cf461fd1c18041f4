/** @jsxImportSource jsx-dom */
// The fleet overview's selection bar (views/fleet/lines/SelectionBar.tsx) with JavaScript: it stays
// in view at the bottom of the window while the list scrolls, counts a tick at once (the server's
// answer, swapped in by htmx, then confirms it), and adds "tick every line on this page". The page
// is complete without it: the checkboxes, the buttons and the bar work as plain forms.

const BAR = "#fleet-selection";
const LIST = "form[data-fleet-list]";

function countText(bar: HTMLElement, count: number): string {
  if (count === 0) return bar.dataset.none ?? "";
  const template = (count === 1 ? bar.dataset.one : bar.dataset.other) ?? "{count}";
  return template.replace("{count}", String(count));
}

function setCount(bar: HTMLElement, count: number) {
  bar.dataset.count = String(count);
  const strong = bar.querySelector<HTMLElement>("[data-selection-count]");
  if (strong) strong.textContent = countText(bar, count);
}

function boxes(list: Element): HTMLInputElement[] {
  return Array.from(list.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="selected"]'));
}

/** The bar sticks to the window's bottom, and the table's first header gets a "whole page" box. */
function enhance() {
  const bar = document.querySelector<HTMLElement>(BAR);
  bar?.classList.add("sticky");
  const list = document.querySelector<HTMLFormElement>(LIST);
  if (!list || list.querySelector("[data-page-toggle]")) return;
  const th = list.querySelector("thead th");
  if (!th) return;
  const all = boxes(list);
  const toggle = (
    <input
      type="checkbox"
      data-page-toggle=""
      aria-label={th.textContent ?? ""}
      checked={all.length > 0 && all.every((box) => box.checked)}
      onChange={(event: Event) => {
        const on = (event.currentTarget as HTMLInputElement).checked;
        const changed = boxes(list).filter((box) => box.checked !== on);
        for (const box of changed) box.checked = on;
        const b = document.querySelector<HTMLElement>(BAR);
        if (b) setCount(b, Math.max(0, Number(b.dataset.count ?? 0) + (on ? changed.length : -changed.length)));
        // One post for the whole page: the last box's change sends every tick of the form.
        changed.at(-1)?.dispatchEvent(new Event("change", { bubbles: true }));
      }}
    />
  ) as HTMLInputElement;
  th.append(" ", toggle);
}

const w = window as Window & { fleetSelection?: boolean };
if (!w.fleetSelection) {
  w.fleetSelection = true;
  // A tick counts at once; the bar that htmx swaps in afterwards carries the server's count.
  document.addEventListener("change", (event) => {
    const box = event.target as HTMLInputElement;
    if (!event.isTrusted || box.name !== "selected" || !box.closest(LIST)) return;
    const bar = document.querySelector<HTMLElement>(BAR);
    if (bar) setCount(bar, Math.max(0, Number(bar.dataset.count ?? 0) + (box.checked ? 1 : -1)));
  });
  for (const name of ["htmx:after:swap", "htmx:afterSwap", "htmx:after:settle"]) document.addEventListener(name, enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
}
