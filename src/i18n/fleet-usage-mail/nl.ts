import type { FleetUsageMailMessages } from "./en.ts";

export const fleetUsageMailNl: FleetUsageMailMessages = {
  lineSubject: "Lijn {number}: verbruik buiten bundel hoger dan {threshold}",
  lineBody:
    "Beste {name},\n\nHet verbruik buiten bundel van lijn {number} heeft {amount} bereikt in de factuurperiode {period}, meer dan de {threshold} die u voor deze melding hebt ingesteld.\n\nBekijk het verbruik van de lijn: {link}\n\nU ontvangt dit bericht één keer per factuurperiode en bedrag. U kunt de melding op dezelfde pagina wijzigen of uitschakelen.\n\nMet vriendelijke groeten,\nLoket",
  packSubject: "Groepspakket {pack}: extra verbruik hoger dan {threshold}",
  packBody:
    "Beste {name},\n\nHet verbruik boven het groepspakket {pack} van contract {contract} heeft {amount} bereikt in de factuurperiode {period}, meer dan de {threshold} die u voor deze melding hebt ingesteld.\n\nBekijk het verbruik van de vloot: {link}\n\nU ontvangt dit bericht één keer per factuurperiode en bedrag. U kunt de melding op de pagina van de groepspakketten wijzigen of uitschakelen.\n\nMet vriendelijke groeten,\nLoket",
  customer: "klant",
};
