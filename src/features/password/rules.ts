import { passwordProblems, type PasswordProblem } from "../../lib/password.ts";

export type RuleProblem = PasswordProblem | "sameAsCurrent";

/** Problems per field of a "new password + confirm" form; null when the new password is fine. */
export type NewPasswordProblems = { newPassword: RuleProblem[]; confirm: RuleProblem[] };

export function newPasswordProblems(input: { newPassword: string; confirm: string }, username: string, current?: string): NewPasswordProblems | null {
  const problems = passwordProblems(input.newPassword, input.confirm, username);
  const onNew: RuleProblem[] = problems.filter((problem) => problem !== "mismatch");
  if (current !== undefined && input.newPassword === current) onNew.push("sameAsCurrent");
  const onConfirm: RuleProblem[] = problems.filter((problem) => problem === "mismatch");
  return onNew.length || onConfirm.length ? { newPassword: onNew, confirm: onConfirm } : null;
}
