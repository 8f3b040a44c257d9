// The logged-in user's role, read once from the app status (for showing what the role may do;
// the core checks every operation again).
import { useEffect, useState } from "react";
import * as api from "../api";
import type { Role } from "../bindings/Role";

export function useRole(): Role | null {
  const [role, setRole] = useState<Role | null>(null);
  useEffect(() => {
    let live = true;
    api
      .appStatus()
      .then((s) => live && setRole(s.session?.user.role ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return role;
}

export const canSeePrescriptions = (role: Role | null) => role === "doctor" || role === "nurse" || role === "pharmacist";
export const canWritePrescriptions = (role: Role | null) => role === "doctor";
export const canDispense = (role: Role | null) => role === "pharmacist";
