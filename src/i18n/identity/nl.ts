import type { identityEn } from "./en.ts";

export const identityNl: typeof identityEn = {
  registerTitle: "Eerste inschrijving of toevoeging van een klantenaccount in uw zone",
  registerIntro: "Geef uw contractnummer en klantnummer in, aanvaard de gebruiksvoorwaarden en identificeer u vervolgens met itsme of uw eID-kaart.",
  registerWith: { itsme: "Inschrijven met itsme", eid: "Inschrijven met uw eID-kaart" },
  loginTitle: "Ik ben reeds ingeschreven",
  loginIntro: "Log rechtstreeks in met itsme of uw eID-kaart.",
  loginWith: { itsme: "Inloggen met itsme", eid: "Inloggen met uw eID-kaart" },
  noProviders: "Identificatie met itsme of de eID-kaart is op dit moment niet beschikbaar. Gebruik de tijdelijke eenmalige toegang.",
  pageTitle: "Inschrijven met itsme of de eID-kaart",
  addIntro: "Om een klantenaccount aan uw zone toe te voegen, geeft u het contractnummer en klantnummer in en identificeert u zich opnieuw.",
  backToAccounts: "Terug naar mijn accounts",
  backToLogin: "Terug naar de inlogpagina",
  failed: "De gegevens komen niet overeen. Controleer uw contractnummer en klantnummer.",
  unknown: {
    itsme: "Deze itsme-identiteit is nog niet aan een klantenaccount gekoppeld. Schrijf u één keer in met uw contractnummer en klantnummer.",
    eid: "Deze eID-kaart is nog niet aan een klantenaccount gekoppeld. Schrijf u één keer in met uw contractnummer en klantnummer.",
  },
  unavailable: {
    itsme: "itsme is op dit moment niet bereikbaar. Probeer het over enkele minuten opnieuw, of gebruik de tijdelijke eenmalige toegang.",
    eid: "Inloggen met de eID-kaart is op dit moment niet mogelijk. Probeer het over enkele minuten opnieuw, of gebruik de tijdelijke eenmalige toegang.",
  },
  callbackTitle: "Inloggen niet voltooid",
  callbackFailed: {
    itsme: "Het inloggen met itsme kon niet worden voltooid. Er werd niets opgeslagen.",
    eid: "Het inloggen met de eID-kaart kon niet worden voltooid. Er werd niets opgeslagen.",
  },
  callbackFailedAny: "Het inloggen kon niet worden voltooid. Er werd niets opgeslagen.",
  tryAgain: "Terug naar de inlogpagina om het opnieuw te proberen",
  nationalNumberEnding: "eindigend op {digits}",
  addAccount: "Een nieuwe account toevoegen",
  linkedIntro: "De klantenaccounts die aan uw itsme- of eID-identiteit gekoppeld zijn. Voeg er een toe met het contractnummer en klantnummer.",
};
