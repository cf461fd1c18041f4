import type { einvoiceEn } from "./en.ts";

// E-facturatie via Peppol (issue #12): de Peppol-keuze in het profiel, hoe elk document bezorgd werd, de pagina van een document.
export const einvoiceNl: typeof einvoiceEn = {
  channelPeppol: "Peppol (rechtstreeks in uw boekhoudsoftware)",
  peppolId: "Peppol-identificatie",
  peppolIdHint: "Uw ondernemingsnummer met schema 0208, bv. 0208:0403170701 (BE0403.170.701 kan ook).",
  peppolSaved: "Vanaf nu worden uw facturen via Peppol verstuurd naar {id}.",
  peppolActive: "Uw facturen worden via Peppol verstuurd naar {id}.",
  recipientUnknown: "{id} is niet ingeschreven op het Peppol-netwerk; er werd niets gewijzigd. Controleer het nummer bij uw boekhoudsoftware of uw accesspoint.",
  networkUnavailable: "Het Peppol-netwerk is nu niet bereikbaar; er werd niets gewijzigd. Probeer het over enkele minuten opnieuw.",
  channels: { paper: "Papier", email: "E-mail", zoomit: "Zoomit", peppol: "Peppol" },
  statuses: { sent: "verstuurd", delivered: "afgeleverd", failed: "mislukt" },
  delivery: {
    sent: "{channel} · verstuurd op {date}",
    delivered: "{channel} · afgeleverd op {date}",
    failed: "{channel} · mislukt: {reason}",
  },
  reasons: { recipient_unknown: "ontvanger onbekend", rejected: "geweigerd door het accesspoint", unavailable: "accesspoint onbereikbaar" },
  deliveryColumn: "Bezorging",
  document: {
    title: "{kind} {reference}",
    details: "Gegevens",
    kind: "Soort",
    reference: "Referentie",
    date: "Documentdatum",
    amount: "Bedrag incl. btw",
    dueDate: "Vervaldatum",
    downloadPdf: "De pdf downloaden",
    deliveries: "Hoe het bezorgd werd",
    noDeliveries: "Nog geen bezorging geregistreerd.",
    channel: "Kanaal",
    recipient: "Verstuurd naar",
    status: "Status",
    when: "Datum",
    transmission: "Verzending",
    reason: "Reden",
    back: "Terug naar de documenten",
  },
  mail: {
    subject: { invoice: "Uw factuur {reference} is beschikbaar", credit_note: "Uw creditnota {reference} is beschikbaar" },
    body: "Beste klant,\n\nDocument {reference} van {date} staat klaar in de klantenzone:\n\n{link}\n\nMet vriendelijke groeten,\n{provider}",
  },
};
