import type { einvoiceEn } from "./en.ts";

// Facturation électronique par Peppol (issue #12) : le choix Peppol du profil, la remise de chaque document, la page d'un document.
export const einvoiceFr: typeof einvoiceEn = {
  channelPeppol: "Peppol (directement dans votre logiciel comptable)",
  peppolId: "Identifiant Peppol",
  peppolIdHint: "Votre numéro d'entreprise avec le schéma 0208, par exemple 0208:0403170701 (BE0403.170.701 convient aussi).",
  peppolSaved: "Désormais, vos factures vous sont envoyées par Peppol à {id}.",
  peppolActive: "Vos factures vous sont envoyées par Peppol à {id}.",
  recipientUnknown: "{id} n'est pas inscrit sur le réseau Peppol\u00A0; rien n'a été modifié. Vérifiez le numéro auprès de votre logiciel comptable ou de votre point d'accès.",
  networkUnavailable: "Le réseau Peppol est injoignable pour le moment\u00A0; rien n'a été modifié. Réessayez dans quelques minutes.",
  channels: { paper: "Papier", email: "E-mail", zoomit: "Zoomit", peppol: "Peppol" },
  statuses: { sent: "envoyé", delivered: "remis", failed: "échec" },
  delivery: {
    sent: "{channel} · envoyé le {date}",
    delivered: "{channel} · remis le {date}",
    failed: "{channel} · échec\u00A0: {reason}",
  },
  reasons: { recipient_unknown: "destinataire inconnu", rejected: "refusé par le point d'accès", unavailable: "point d'accès injoignable" },
  deliveryColumn: "Remise",
  document: {
    title: "{kind} {reference}",
    details: "Détails",
    kind: "Type",
    reference: "Référence",
    date: "Date du document",
    amount: "Montant TVAC",
    dueDate: "Échéance",
    downloadPdf: "Télécharger le PDF",
    deliveries: "Comment il vous a été remis",
    noDeliveries: "Aucune remise enregistrée pour l'instant.",
    channel: "Canal",
    recipient: "Envoyé à",
    status: "Statut",
    when: "Date",
    transmission: "Transmission",
    reason: "Raison",
    back: "Retour aux documents",
  },
  mail: {
    subject: { invoice: "Votre facture {reference} est disponible", credit_note: "Votre note de crédit {reference} est disponible" },
    body: "Bonjour,\n\nLe document {reference} du {date} est disponible dans l'espace client\u00A0:\n\n{link}\n\nCordialement,\n{provider}",
  },
};
