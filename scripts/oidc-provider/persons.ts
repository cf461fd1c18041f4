// The test persons of the local OpenID providers (scripts/oidc-provider/server.ts): who can "log in
// with itsme or the eID card" in development and in the tests. No node: imports — the workerd tests
// import this file too. Every national register number passes the mod 97 check (see isValidNrn).

export type TestPerson = {
  /** The national register number (rijksregisternummer), 11 digits without separators. */
  nationalNumber: string;
  firstName: string;
  lastName: string;
};

export const TEST_PERSONS: readonly TestPerson[] = [
  { nationalNumber: "85073003328", firstName: "Lotte", lastName: "Peeters" },
  { nationalNumber: "90021512370", firstName: "Thomas", lastName: "Dubois" },
  { nationalNumber: "78040528765", firstName: "An", lastName: "Janssens" },
  { nationalNumber: "01031204554", firstName: "Noah", lastName: "Lambert" },
  { nationalNumber: "92010145695", firstName: "Emma", lastName: "Maes" },
  { nationalNumber: "65092317281", firstName: "Marc", lastName: "Claes" },
  { nationalNumber: "03070738135", firstName: "Louise", lastName: "Leclercq" },
  { nationalNumber: "88113021435", firstName: "Pieter", lastName: "Wouters" },
  { nationalNumber: "75061209892", firstName: "Sofie", lastName: "Mertens" },
  { nationalNumber: "99022831169", firstName: "Julien", lastName: "Martin" },
];

/** The relying party's own check, so the test persons pass exactly what the Worker accepts. */
export { validNationalNumber as isValidNrn } from "../../src/features/identity/national-number.ts";

/** 85073003328 → 85.07.30-033.28, as the person's card shows it. */
export function formatNrn(nationalNumber: string): string {
  const n = nationalNumber;
  return `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9, 11)}`;
}

export function testPerson(nationalNumber: string): TestPerson | undefined {
  return TEST_PERSONS.find((person) => person.nationalNumber === nationalNumber);
}
