export const passwordEn = {
  title: "Log in with a password",
  intro: "For named users of the portal: log in with your username or e-mail address and your password.",
  identifier: "Username or e-mail address",
  password: "Password",
  submit: "Log in",
  failed: "This username or password is not right, or your account is not active.",
  orCode: "No password? Log in with a temporary code",
  withPassword: "Log in with a password",
};
