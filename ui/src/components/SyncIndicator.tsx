// The header's sync badge: online or offline, last successful sync, changes waiting to go up, the
// last error with what to do; "Sync now", and "Connect to central server" for administrators.
import { Badge, Button, Divider, Modal, Popover, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { SyncErrorView } from "../bindings/SyncErrorView";
import { formatDateTime } from "../format";
import { useSyncStatus } from "../hooks/useSyncStatus";
import { age, syncBadge } from "../sync";
import { ConnectForm } from "./ConnectForm";
import { SyncErrorAlert } from "./SyncErrorAlert";

export function SyncIndicator({ isAdmin, active }: { isAdmin: boolean; active: boolean }) {
  const { t, i18n } = useTranslation();
  const { status, error, refresh, setStatus } = useSyncStatus(active);
  const [connecting, setConnecting] = useState(false);
  const [nowError, setNowError] = useState<SyncErrorView | null>(null);
  if (!status) return null;

  const badge = syncBadge(status);
  const since = age(status.last_success_at, new Date());
  const when = (value: string | null) => (value ? formatDateTime(value, i18n.language) : t("sync.never"));
  const syncNow = () => {
    setNowError(null);
    api
      .syncNow()
      .then(() => refresh())
      .catch((e: SyncErrorView) => setNowError(e));
  };

  return (
    <>
      <Popover width={340} position="bottom-end" shadow="md">
        <Popover.Target>
          <Badge
            component="button"
            color={badge.tone}
            variant="light"
            style={{ cursor: "pointer" }}
            data-testid="sync-badge"
            data-state={badge.key}
          >
            {t(`sync.badge.${badge.key}`, { count: status.pending_changes })}
          </Badge>
        </Popover.Target>
        <Popover.Dropdown data-testid="sync-panel">
          <Stack gap={6}>
            {status.connected ? (
              <>
                <Text size="sm" data-testid="sync-server">
                  {t("sync.server", { url: status.server_url ?? "" })}
                </Text>
                <Text size="sm" data-testid="sync-online">
                  {status.online ? t("sync.online") : t("sync.offlineNow")}
                </Text>
                <Text size="sm" data-testid="sync-last-success">
                  {t("sync.lastSuccess", { when: when(status.last_success_at) })}
                  {since && ` (${t(`sync.ago.${since.unit}`, { count: since.count })})`}
                </Text>
                <Text size="sm" data-testid="sync-pending">
                  {t("sync.pending", { count: status.pending_changes })}
                </Text>
                {status.pending_attachments > 0 && (
                  <Text size="sm" data-testid="sync-pending-attachments">
                    {t("sync.pendingAttachments", { count: status.pending_attachments })}
                  </Text>
                )}
                {status.rejected_changes > 0 && (
                  <Text size="sm" c="red" data-testid="sync-rejected">
                    {t("sync.rejected", { count: status.rejected_changes })}
                  </Text>
                )}
                <SyncErrorAlert error={status.last_error} testId="sync-last-error" />
                <SyncErrorAlert error={nowError ?? error} testId="sync-now-error" />
                <Button size="xs" onClick={syncNow} loading={status.syncing} data-testid="sync-now">
                  {t("sync.now")}
                </Button>
              </>
            ) : (
              <Text size="sm">{t("sync.notConnectedHelp")}</Text>
            )}
            {isAdmin && (
              <>
                <Divider />
                <Button size="xs" variant="default" onClick={() => setConnecting(true)} data-testid="sync-connect">
                  {status.connected ? t("sync.reconnect") : t("sync.connect")}
                </Button>
              </>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Modal opened={connecting} onClose={() => setConnecting(false)} title={t("connect.title")}>
        <ConnectForm
          onConnected={(s) => {
            setStatus(s);
            setConnecting(false);
          }}
        />
      </Modal>
    </>
  );
}
