// A patient's prescriptions on the patient page: every version with its status; new, edit a draft,
// issue, amend, cancel, print. Shown to the roles that may see prescriptions.
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PrescriptionSummary } from "../bindings/PrescriptionSummary";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate } from "../format";
import * as rx from "./api";
import { statusColor } from "./logic";
import { openPdf } from "./print";
import { PrescriptionForm } from "./PrescriptionForm";
import { canSeePrescriptions, canWritePrescriptions, useRole } from "./useRole";

export function PrescriptionsPanel({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const [list, setList] = useState<PrescriptionSummary[] | null>(null);
  const [editing, setEditing] = useState<PrescriptionView | "new" | null>(null);
  const [cancelling, setCancelling] = useState<{ id: string; reason: string } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const visible = canSeePrescriptions(role);
  const writer = canWritePrescriptions(role);

  const load = useCallback(() => {
    rx.patientPrescriptions(patientId)
      .then(setList)
      .catch((e: unknown) => setError(e as ErrorBody));
  }, [patientId]);
  useEffect(() => {
    if (visible) load();
  }, [visible, load]);

  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action()
      .then(load)
      .catch((e: unknown) => setError(e as ErrorBody));
  };
  const edit = (id: string) => act(async () => setEditing(await rx.openPrescription(id)));
  const print = (id: string) => act(async () => openPdf(await rx.printPrescription(id)));

  if (!visible) return null;
  return (
    <Stack gap="xs" data-testid="prescriptions">
      <Group justify="space-between">
        <Title order={3}>{t("prescriptions.title")}</Title>
        {writer && (
          <Button size="xs" onClick={() => setEditing("new")} data-testid="rx-new">
            {t("prescriptions.new")}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {list === null && <Text size="sm">{t("prescriptions.loading")}</Text>}
      {list?.length === 0 && <Text size="sm" c="dimmed">{t("prescriptions.none")}</Text>}
      {list && list.length > 0 && (
        <Table striped data-testid="rx-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("prescriptions.columns.date")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.medicines")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.version")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.status")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.prescriber")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id} data-testid="rx-row">
                <Table.Td>{formatDate((r.issued_at || r.created_at).slice(0, 10), i18n.language)}</Table.Td>
                <Table.Td>{r.drugs.join(", ")}</Table.Td>
                <Table.Td>{t("prescriptions.version", { version: r.version })}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor(r.status)} data-testid="rx-status">
                    {t(`prescriptions.status.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.prescriber_name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {writer && (r.status === "draft" || r.status === "issued") && (
                      <Button size="compact-xs" variant="light" onClick={() => edit(r.id)} data-testid="rx-edit">
                        {r.status === "draft" ? t("prescriptions.open") : t("prescriptions.amend")}
                      </Button>
                    )}
                    {writer && (r.status === "draft" || r.status === "issued") && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setCancelling({ id: r.id, reason: "" })}
                      >
                        {t("prescriptions.cancel")}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" onClick={() => print(r.id)} data-testid="rx-print">
                      {t("prescriptions.print")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {cancelling && (
        <Group align="flex-end">
          <TextInput
            label={t("prescriptions.cancelReason")}
            value={cancelling.reason}
            onChange={(e) => setCancelling({ ...cancelling, reason: e.currentTarget.value })}
            data-autofocus
          />
          <Button
            color="red"
            onClick={() => {
              const c = cancelling;
              setCancelling(null);
              act(() => rx.cancelPrescription(c.id, c.reason));
            }}
          >
            {t("prescriptions.confirmCancel")}
          </Button>
          <Button variant="default" onClick={() => setCancelling(null)}>
            {t("common.cancel")}
          </Button>
        </Group>
      )}
      {editing && (
        <PrescriptionForm
          patientId={patientId}
          base={editing === "new" ? undefined : editing}
          onClose={() => {
            setEditing(null);
            load();
          }}
          onDone={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </Stack>
  );
}
