// The laboratory: the work list by status (urgent first, oldest first), one order opened beside it, and for
// doctors their results to review. ↑/↓ choose an order, Enter opens it.
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { LabOrderSummary } from "../bindings/LabOrderSummary";
import type { LabOrderView } from "../bindings/LabOrderView";
import type { LabStatus } from "../bindings/LabStatus";
import type { LabTest } from "../bindings/LabTest";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { isEditable } from "../shortcuts/table";
import * as lab from "./api";
import { canOrderLab, WORK_STATUSES } from "./flags";
import { LabOrderPanel } from "./LabOrderPanel";
import { ReviewList } from "./ReviewList";

export function LabScreen({ user }: { user: UserSummary }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<LabStatus>(user.role === "doctor" ? "validated" : "ordered");
  const [rows, setRows] = useState<LabOrderSummary[]>([]);
  const [selected, setSelected] = useState(0);
  const [view, setView] = useState<LabOrderView | null>(null);
  const [catalogue, setCatalogue] = useState<LabTest[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    lab.labTests().then(setCatalogue, () => undefined);
  }, []);
  const load = useCallback(() => {
    lab.labWorkList(status).then(
      (r) => (setRows(r), setError(null), setSelected((i) => Math.min(i, Math.max(r.length - 1, 0)))),
      (e: unknown) => setError(api.toErrorBody(e)),
    );
  }, [status]);
  useEffect(load, [load, reload]);

  const open = useCallback((id: string) => {
    lab.labOrder(id).then(setView, (e: unknown) => setError(api.toErrorBody(e)));
  }, []);
  const changed = (v: LabOrderView) => {
    setView(v);
    setReload((n) => n + 1);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target) || e.altKey || e.ctrlKey || e.metaKey || view) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setSelected((i) => Math.min(rows.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1))));
      } else if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement) && rows[selected]) {
        e.preventDefault();
        open(rows[selected].id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, view, open]);

  return (
    <Stack data-testid="lab-screen">
      <Group justify="space-between">
        <Title order={2}>{t("lab.title")}</Title>
        <SegmentedControl value={status} onChange={(v) => (setStatus(v as LabStatus), setView(null))} data-testid="lab-status"
          data={WORK_STATUSES.map((s) => ({ value: s, label: t(`lab.status.${s}`) }))} />
      </Group>
      {canOrderLab(user.role) && <ReviewList onOpen={open} reload={reload} />}
      <ErrorAlert error={error} testId="lab-list-error" onRetry={load} />
      {view ? (
        <Stack>
          <Button variant="default" w="fit-content" onClick={() => setView(null)} data-testid="lab-back">{t("lab.order.close")}</Button>
          <LabOrderPanel key={view.id} view={view} role={user.role} userId={user.id} catalogue={catalogue} onChange={changed} />
        </Stack>
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="lab-empty">{t("lab.empty")}</Text>
      ) : (
        <Table highlightOnHover data-testid="lab-work-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("lab.columns.priority")}</Table.Th>
              <Table.Th>{t("lab.columns.patient")}</Table.Th>
              <Table.Th>{t("lab.columns.tests")}</Table.Th>
              <Table.Th>{t("lab.columns.sample")}</Table.Th>
              <Table.Th>{t("lab.columns.orderedBy")}</Table.Th>
              <Table.Th>{t("lab.columns.orderedAt")}</Table.Th>
              <Table.Th>{t("lab.columns.abnormal")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.id} data-testid="lab-row" data-id={r.id} aria-selected={i === selected}
                bg={i === selected ? "var(--mantine-color-blue-light)" : undefined} style={{ cursor: "pointer" }}
                onClick={() => open(r.id)}>
                <Table.Td>{r.priority === "urgent" && <Badge color="red">{t("lab.priority.urgent")}</Badge>}</Table.Td>
                <Table.Td>{r.patient_name} <Text span size="xs" c="dimmed">{r.patient_number}</Text></Table.Td>
                <Table.Td>{r.tests}</Table.Td>
                <Table.Td ff="monospace">{r.sample_id}</Table.Td>
                <Table.Td>{r.ordered_by_name}</Table.Td>
                <Table.Td>{formatDateTime(r.ordered_at, i18n.language)}</Table.Td>
                <Table.Td>{r.abnormal_count > 0 && <Badge color="orange">{r.abnormal_count}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
