import type { FleetUsageMailMessages } from "./en.ts";

// French: a no-break space (U+00A0) before : ; ? !
export const fleetUsageMailFr: FleetUsageMailMessages = {
  lineSubject: "Ligne {number}\u00a0: consommation hors abonnement supérieure à {threshold}",
  lineBody:
    "Bonjour {name},\n\nLa consommation hors abonnement de la ligne {number} a atteint {amount} pour la période de facturation {period}, au-delà des {threshold} que vous avez fixés pour cette notification.\n\nConsultez la consommation de la ligne\u00a0: {link}\n\nVous recevez ce message une seule fois par période de facturation et par montant. Vous pouvez modifier ou désactiver la notification sur la même page.\n\nCordialement,\nLoket",
  packSubject: "Pack de groupe {pack}\u00a0: consommation supplémentaire supérieure à {threshold}",
  packBody:
    "Bonjour {name},\n\nLa consommation au-delà du pack de groupe {pack} du contrat {contract} a atteint {amount} pour la période de facturation {period}, au-delà des {threshold} que vous avez fixés pour cette notification.\n\nConsultez la consommation de la flotte\u00a0: {link}\n\nVous recevez ce message une seule fois par période de facturation et par montant. Vous pouvez modifier ou désactiver la notification sur la page des packs de groupe.\n\nCordialement,\nLoket",
  customer: "client",
};
