// The "Sync issues" inbox: fields two PCs changed at the same time (pick the value to keep) and
// patients registered twice on different PCs (merge, reversibly), or dismiss.
import { Badge, Button, Card, Center, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SyncIssueView } from "../bindings/SyncIssueView";
import { DoubleBookingCard } from "../appointments/DoubleBookingCard";
import { NegativeStockCard } from "../stock/NegativeStockCard";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { enumLabel, fieldLabel } from "../i18n/messages";
import type { Route } from "./MainShell";

type Props = { navigate: (route: Route) => void };

export function SyncIssuesScreen({ navigate }: Props) {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<SyncIssueView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .syncIssues("open")
      .then(setIssues)
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, []);
  useEffect(load, [load]);

  const act = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await action();
      window.dispatchEvent(new Event(api.SYNC_ISSUES_CHANGED));
      load();
    } catch (e) {
      const body = api.toErrorBody(e);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(null);
    }
  };

  if (!issues) return <Center py="xl">{error ? <ErrorAlert error={error} onRetry={load} /> : <Loader />}</Center>;
  return (
    <Stack>
      <Title order={2}>{t("issues.title")}</Title>
      <ErrorAlert error={error} testId="issues-error" onRetry={load} />
      {issues.length === 0 && (
        <Text c="dimmed" data-testid="issues-empty">
          {t("issues.empty")}
        </Text>
      )}
      {issues.map((issue) => (
        <IssueCard key={issue.id} issue={issue} busy={busy === issue.id} act={act} navigate={navigate} />
      ))}
    </Stack>
  );
}

type CardProps = {
  issue: SyncIssueView;
  busy: boolean;
  act: (id: string, action: () => Promise<unknown>) => Promise<void>;
  navigate: (route: Route) => void;
};

function IssueCard({ issue, busy, act, navigate }: CardProps) {
  const { t, i18n } = useTranslation();
  const [keep, setKeep] = useState(issue.patients[0]?.id ?? "");
  const when = (value: string) => (value ? formatDateTime(value, i18n.language) : "");
  const duplicate = issue.kind === "likely_duplicate";
  const other = issue.patients.find((p) => p.id !== keep);
  if (issue.kind === "double_booking") return <DoubleBookingCard issue={issue} busy={busy} act={act} />;
  if (issue.kind === "negative_stock") return <NegativeStockCard issue={issue} busy={busy} act={act} />;
  return (
    <Card withBorder data-testid="sync-issue" data-kind={issue.kind} data-id={issue.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {duplicate ? t("issues.likelyDuplicate") : t("issues.fieldConflict", { field: fieldLabel(t, issue.field) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("issues.created", { date: when(issue.created_at) })}
          </Text>
        </Group>
        <Group gap="xs">
          {issue.patients.map((p) => (
            <Button key={p.id} size="compact-sm" variant="default" onClick={() => navigate({ name: "patient", id: p.id })}>
              {p.number} · {p.name}
            </Button>
          ))}
        </Group>
        {duplicate && issue.reasons.length > 0 && (
          <Group gap={4}>
            {issue.reasons.map((r) => (
              <Badge key={r} variant="light">
                {enumLabel(t, "duplicateReason", r)}
              </Badge>
            ))}
          </Group>
        )}
        {!duplicate && (
          <Table>
            <Table.Tbody>
              {issue.options.map((o, i) => (
                <Table.Tr key={o.change_hash}>
                  <Table.Td fw={600}>{o.value || t("patient.empty")}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t("issues.by", { user: o.username, device: o.device_id.slice(0, 8), date: when(o.at) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      loading={busy}
                      data-testid={`issue-pick-${i}`}
                      onClick={() => void act(issue.id, () => api.resolveConflict(issue.id, i))}
                    >
                      {t("issues.pick")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          {duplicate && other && (
            <>
              <Text size="sm">{t("issues.keep")}</Text>
              <SegmentedControl
                size="xs"
                value={keep}
                onChange={setKeep}
                data-testid="issue-merge-keep"
                data={issue.patients.map((p) => ({ value: p.id, label: p.number }))}
              />
              <Button
                size="xs"
                loading={busy}
                data-testid="issue-merge"
                onClick={() => void act(issue.id, () => api.mergePatients(issue.id, keep, other.id))}
              >
                {t("issues.merge", { number: other.number })}
              </Button>
            </>
          )}
          <Button
            size="xs"
            variant="default"
            loading={busy}
            data-testid="issue-dismiss"
            onClick={() => void act(issue.id, () => api.dismissIssue(issue.id))}
          >
            {t("issues.dismiss")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
