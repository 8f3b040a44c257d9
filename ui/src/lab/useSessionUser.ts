// The signed-in user (for "only the ordering doctor acknowledges" on screens that are not given it).
import { useEffect, useState } from "react";
import * as api from "../api";
import type { UserSummary } from "../bindings/UserSummary";

export function useSessionUser(): UserSummary | null {
  const [user, setUser] = useState<UserSummary | null>(null);
  useEffect(() => {
    let live = true;
    api
      .appStatus()
      .then((s) => live && setUser(s.session?.user ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return user;
}
