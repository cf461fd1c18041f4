import type { Messages } from "../en.ts";

export const passwordNl: Messages["password"] = {
  title: "Inloggen met een wachtwoord",
  intro: "Voor gebruikers met een naam: log in met uw gebruikersnaam of e-mailadres en uw wachtwoord.",
  identifier: "Gebruikersnaam of e-mailadres",
  password: "Wachtwoord",
  submit: "Inloggen",
  failed: "Deze gebruikersnaam of dit wachtwoord klopt niet, of uw account is niet actief.",
  orCode: "Geen wachtwoord? Log in met een tijdelijke code",
  withPassword: "Inloggen met een wachtwoord",
};
