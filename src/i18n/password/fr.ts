import type { Messages } from "../en.ts";

export const passwordFr: Messages["password"] = {
  title: "Se connecter avec un mot de passe",
  intro: "Pour les utilisateurs nommés : connectez-vous avec votre nom d'utilisateur ou votre adresse e-mail et votre mot de passe.",
  identifier: "Nom d'utilisateur ou adresse e-mail",
  password: "Mot de passe",
  submit: "Se connecter",
  failed: "Ce nom d'utilisateur ou ce mot de passe n'est pas correct, ou votre compte n'est pas actif.",
  orCode: "Pas de mot de passe ? Connectez-vous avec un code temporaire",
  withPassword: "Se connecter avec un mot de passe",
};
