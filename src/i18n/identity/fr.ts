import type { identityEn } from "./en.ts";

export const identityFr: typeof identityEn = {
  registerTitle: "Première inscription ou ajout d'un compte client à votre espace",
  registerIntro: "Indiquez votre numéro de contrat et votre numéro de client, acceptez les conditions d'utilisation, puis identifiez-vous avec itsme ou votre carte eID.",
  registerWith: { itsme: "S'inscrire avec itsme", eid: "S'inscrire avec votre carte eID" },
  loginTitle: "Connexion directe, je suis déjà inscrit",
  loginIntro: "Connectez-vous directement avec itsme ou votre carte eID.",
  loginWith: { itsme: "Se connecter avec itsme", eid: "Se connecter avec votre carte eID" },
  noProviders: "L'identification avec itsme ou la carte eID n'est pas disponible pour le moment. Utilisez l'accès unique temporaire.",
  pageTitle: "S'inscrire avec itsme ou la carte eID",
  addIntro: "Pour ajouter un compte client à votre espace, indiquez son numéro de contrat et son numéro de client, puis identifiez-vous à nouveau.",
  backToAccounts: "Retour à mes comptes",
  backToLogin: "Retour à la page de connexion",
  failed: "Les données ne correspondent pas. Vérifiez votre numéro de contrat et votre numéro de client.",
  unknown: {
    itsme: "Cette identité itsme n'est encore liée à aucun compte client. Inscrivez-vous une fois avec votre numéro de contrat et votre numéro de client.",
    eid: "Cette carte eID n'est encore liée à aucun compte client. Inscrivez-vous une fois avec votre numéro de contrat et votre numéro de client.",
  },
  unavailable: {
    itsme: "itsme n'est pas joignable pour le moment. Réessayez dans quelques minutes ou utilisez l'accès unique temporaire.",
    eid: "La connexion avec la carte eID n'est pas possible pour le moment. Réessayez dans quelques minutes ou utilisez l'accès unique temporaire.",
  },
  callbackTitle: "Connexion non aboutie",
  callbackFailed: {
    itsme: "La connexion avec itsme n'a pas pu aboutir. Rien n'a été enregistré.",
    eid: "La connexion avec la carte eID n'a pas pu aboutir. Rien n'a été enregistré.",
  },
  callbackFailedAny: "La connexion n'a pas pu aboutir. Rien n'a été enregistré.",
  tryAgain: "Retour à la page de connexion pour réessayer",
  nationalNumberEnding: "se terminant par {digits}",
  addAccount: "Ajouter un nouveau compte",
  linkedIntro: "Les comptes clients liés à votre identité itsme ou eID. Ajoutez-en un avec son numéro de contrat et son numéro de client.",
};
