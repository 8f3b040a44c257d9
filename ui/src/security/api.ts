// Two-factor sign-in commands (docs/IPC.md, "Two-factor sign-in").
import { call } from "../api";
import type { TwoFactorSetup } from "../bindings/TwoFactorSetup";
import type { UserSummary } from "../bindings/UserSummary";

/** A new secret for the logged-in user's own account; nothing is saved until `enableTwoFactor`. */
export const newTwoFactorSecret = () => call<TwoFactorSetup>("new_two_factor_secret");
export const enableTwoFactor = (secret: string, code: string) =>
  call<UserSummary>("enable_two_factor", { secret, code });
export const disableOwnTwoFactor = (code: string) => call<UserSummary>("disable_own_two_factor", { code });
/** An administrator turns it off for a user who lost their phone. */
export const resetUserTwoFactor = (id: string) => call<UserSummary>("reset_user_two_factor", { id });

/** The secret in groups of four, as authenticator apps show it for typing in. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}
