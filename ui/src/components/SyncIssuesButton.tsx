// The header's "Sync issues (N)" button: the count of open issues, refreshed every half minute,
// when sync reports a change, and at once after a resolution.
import { Button } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";

export function SyncIssuesButton({ active, onOpen }: { active: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    api
      .openSyncIssueCount()
      .then(setCount)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!active) return;
    refresh();
    const timer = window.setInterval(refresh, 30_000);
    window.addEventListener(api.SYNC_ISSUES_CHANGED, refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(api.SYNC_ISSUES_CHANGED, refresh);
    };
  }, [active, refresh]);

  const n = count ?? 0;
  return (
    <Button
      variant={n > 0 ? "light" : "subtle"}
      color={n > 0 ? "orange" : undefined}
      data-testid="nav-sync-issues"
      data-count={n}
      onClick={onOpen}
    >
      {t("header.syncIssues", { count: n })}
    </Button>
  );
}
