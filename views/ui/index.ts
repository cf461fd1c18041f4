/**
 * The UI kit: every page is built from these. They read the language, the catalog, the CSRF
 * token and the principal from the request's context (useView), never from a `c` prop, and
 * import nothing from src/features/.
 */
export { useView } from "./context.ts";
export { Document, PageFrame, PageTitle } from "./Document.tsx";
export { LanguageSwitch, Nav, SessionTools } from "./Header.tsx";
export { Field, type FieldErrors, Notice } from "./Field.tsx";
export { Checkbox, CheckboxGroup, type Choice, RadioGroup, Select } from "./choices.tsx";
export { type AriaSort, type Column, DataTable } from "./DataTable.tsx";
export { Pager } from "./Pager.tsx";
export { CsrfField } from "./CsrfField.tsx";
export { ErrorPage } from "./ErrorPage.tsx";
