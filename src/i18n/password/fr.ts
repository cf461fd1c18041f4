import type { Messages } from "../en.ts";

export const passwordFr: Messages["password"] = {
  title: "Se connecter avec un mot de passe",
  intro: "Pour les utilisateurs nominatifs\u00A0: connectez-vous avec votre nom d'utilisateur ou votre adresse e-mail et votre mot de passe.",
  identifier: "Nom d'utilisateur ou adresse e-mail",
  password: "Mot de passe",
  submit: "Se connecter",
  failed: "Ce nom d'utilisateur ou ce mot de passe n'est pas correct, ou votre compte n'est pas actif.",
  orCode: "Pas de mot de passe\u00A0? Connectez-vous avec un code temporaire",
  withPassword: "Se connecter avec un mot de passe",
  forgotPassword: "Mot de passe oublié\u00A0?",
  forgotUsername: "Nom d'utilisateur oublié\u00A0?",
  locked: "Trop de tentatives échouées. Patientez {wait} avant de réessayer.",
  seconds: { one: "{count} seconde", other: "{count} secondes" },
  minutes: { one: "{count} minute", other: "{count} minutes" },
  resetDone: "Votre nouveau mot de passe est enregistré. Connectez-vous avec celui-ci.",
  invitationDone: "Votre mot de passe est défini et votre utilisateur est actif. Connectez-vous avec votre nom d'utilisateur et votre nouveau mot de passe.",
  rules: {
    hint: "Au moins 8 caractères, dont au moins une majuscule et une minuscule, et pas votre nom d'utilisateur. Le mot de passe distingue les majuscules et les minuscules.",
    tooShort: "Utilisez au moins 8 caractères.",
    needsUpper: "Utilisez au moins une majuscule.",
    needsLower: "Utilisez au moins une minuscule.",
    containsUsername: "Votre mot de passe ne peut pas contenir votre nom d'utilisateur.",
    mismatch: "Les deux mots de passe ne sont pas identiques.",
    sameAsCurrent: "Choisissez un autre mot de passe que votre mot de passe actuel.",
  },
  change: {
    title: "Modifier le mot de passe",
    intro: "Veuillez remplir les champs ci-dessous pour définir votre nouveau mot de passe.",
    current: "Mot de passe actuel",
    newPassword: "Nouveau mot de passe",
    confirm: "Confirmer le mot de passe",
    submit: "Modifier",
    wrongCurrent: "Ce n'est pas votre mot de passe actuel.",
    done: "Votre mot de passe a été modifié. Vous avez été déconnecté de vos autres appareils.",
    codeLogin:
      "Vous vous êtes connecté avec un code temporaire\u00A0: il n'y a pas de mot de passe à modifier. Les utilisateurs nominatifs modifient leur mot de passe après s'être connectés avec celui-ci.",
  },
  forgot: {
    title: "Réinitialiser le mot de passe",
    intro:
      "Veuillez indiquer votre nom d'utilisateur ou l'adresse e-mail liée à votre compte utilisateur. Vous recevrez ensuite un e-mail avec votre nom d'utilisateur et un lien pour définir un nouveau mot de passe.",
    noIdea:
      "Si vous ne vous souvenez ni de votre nom d'utilisateur ni de votre adresse e-mail, contactez votre administrateur. Si vous ne savez pas qui est votre administrateur ou si vous n'en avez pas, appelez le {phone} ou écrivez à {email}.",
    identifier: "Nom d'utilisateur ou adresse e-mail",
    submit: "Confirmer",
    sent: "Si nous connaissons cet utilisateur, nous avons envoyé un lien pour définir un nouveau mot de passe à l'adresse e-mail du compte utilisateur. Le lien est valable 1 heure et ne peut être utilisé qu'une fois.",
    tooMany: "Trop de demandes. Patientez quelques minutes, puis réessayez.",
    messageSubject: "Définissez un nouveau mot de passe",
    messageBody:
      "Bonjour {name},\n\nQuelqu'un (vous, espérons-le) a demandé un nouveau mot de passe pour votre utilisateur {username}.\n\nOuvrez ce lien pour choisir un nouveau mot de passe\u00A0: {link}\n\nLe lien est valable 1 heure et ne peut être utilisé qu'une fois. Si vous n'avez rien demandé, ignorez cet e-mail\u00A0: votre mot de passe reste inchangé.",
  },
  reset: {
    title: "Choisissez un nouveau mot de passe",
    intro: "Choisissez un nouveau mot de passe pour l'utilisateur {username}.",
    submit: "Enregistrer mon nouveau mot de passe",
    invalidTitle: "Ce lien n'est plus valable",
    invalid: "Ce lien a déjà été utilisé, a expiré (il est valable 1 heure) ou est incomplet.",
    askNew: "Demander un nouveau lien",
  },
  invitation: {
    title: "Activez votre compte utilisateur",
    intro: "Vous avez été invité sur le portail. Votre nom d'utilisateur est {username}. Choisissez un mot de passe pour activer votre compte utilisateur.",
    username: "Nom d'utilisateur",
    submit: "Activer mon compte utilisateur",
    invalidTitle: "Cette invitation n'est plus valable",
    invalid: "Cette invitation a déjà été utilisée, a expiré (elle est valable 7 jours) ou est incomplète. Demandez à votre administrateur de vous renvoyer une invitation.",
    deactivated: "Cet utilisateur a été désactivé. Contactez votre administrateur.",
    toLogin: "Aller à la page de connexion",
  },
  username: {
    title: "Nom d'utilisateur oublié",
    intro: "Veuillez indiquer l'adresse e-mail liée à votre compte utilisateur. Nous vous enverrons un e-mail avec votre nom d'utilisateur.",
    email: "Adresse e-mail",
    submit: "Confirmer",
    sent: "Si des utilisateurs sont liés à cette adresse e-mail, nous y avons envoyé leurs noms d'utilisateur.",
    messageSubject: "Votre nom d'utilisateur",
    messageBody:
      "Bonjour,\n\nVous avez demandé le nom d'utilisateur lié à cette adresse e-mail. Les utilisateurs qui y sont liés\u00A0:\n\n{usernames}\n\nConnectez-vous sur {link}\n\nSi vous n'avez rien demandé, vous pouvez ignorer cet e-mail.",
  },
  dormant: {
    messageSubject: "Votre compte utilisateur a été désactivé",
    messageBody:
      "Bonjour {name},\n\nVotre utilisateur {username} n'a pas été utilisé pendant 12 mois et a donc été désactivé, comme le prévoient les conditions d'utilisation (article 2.2.3). Vos droits ont été retirés.\n\nVous avez de nouveau besoin d'un accès\u00A0? Demandez à votre administrateur de vous créer un nouvel utilisateur.",
  },
};
