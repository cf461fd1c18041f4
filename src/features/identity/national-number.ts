/**
 * The Belgian national register number (rijksregisternummer): 11 digits whose last two are
 * 97 − (the first nine mod 97); for people born from 2000 on the nine digits get a "2" in front
 * first. A number is valid if either reading holds. Used by the relying party on every claim and
 * by the local OpenID provider's test persons.
 */
export function validNationalNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const check = Number(value.slice(9));
  const body = value.slice(0, 9);
  return 97 - (Number(body) % 97) === check || 97 - (Number(`2${body}`) % 97) === check;
}
