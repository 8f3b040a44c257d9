// The pharmacy's work list: issued prescriptions not dispensed yet, oldest first; dispense from stock
// (DispenseDialog), print,
// and check a paper printout by the version printed on it.
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PrescriptionSummary } from "../bindings/PrescriptionSummary";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import * as rx from "./api";
import { DispenseDialog } from "./DispenseDialog";
import { openPdf } from "./print";
import { canDispense, useRole } from "./useRole";

export function PharmacyScreen({ onOpenPatient }: { onOpenPatient: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const [list, setList] = useState<PrescriptionSummary[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [hash, setHash] = useState("");
  const [traced, setTraced] = useState<PrescriptionView | null>(null);
  const [dispensing, setDispensing] = useState<string | null>(null);

  const load = useCallback(() => {
    rx.pharmacyWorkList()
      .then(setList)
      .catch((e: unknown) => setError(e as ErrorBody));
  }, []);
  useEffect(load, [load]);

  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action()
      .then(load)
      .catch((e: unknown) => setError(e as ErrorBody));
  };

  return (
    <Stack data-testid="pharmacy">
      <Group justify="space-between">
        <Title order={2}>{t("prescriptions.pharmacy.title")}</Title>
        <Button variant="default" onClick={load}>
          {t("prescriptions.pharmacy.refresh")}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {dispensing && (
        <DispenseDialog
          id={dispensing}
          onClose={() => setDispensing(null)}
          onDone={() => {
            setDispensing(null);
            load();
          }}
        />
      )}
      {list?.length === 0 && <Text c="dimmed">{t("prescriptions.pharmacy.empty")}</Text>}
      {list && list.length > 0 && (
        <Table striped data-testid="pharmacy-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("prescriptions.columns.date")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.patient")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.medicines")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.prescriber")}</Table.Th>
              <Table.Th>{t("prescriptions.columns.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id} data-testid="pharmacy-row">
                <Table.Td>{formatDateTime(r.issued_at, i18n.language)}</Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onOpenPatient(r.patient_id)}>
                    {r.patient_name} {r.patient_number && <Badge ml={4}>{r.patient_number}</Badge>}
                  </Button>
                </Table.Td>
                <Table.Td>{r.drugs.join(", ")}</Table.Td>
                <Table.Td>{r.prescriber_name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {canDispense(role) && (
                      <Button size="compact-sm" onClick={() => setDispensing(r.id)} data-testid="rx-dispense">
                        {t("prescriptions.dispense")}
                      </Button>
                    )}
                    <Button size="compact-sm" variant="subtle" onClick={() => act(async () => openPdf(await rx.printPrescription(r.id)))}>
                      {t("prescriptions.print")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4}>{t("prescriptions.pharmacy.trace")}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTraced(null);
          act(async () => setTraced(await rx.tracePrescriptionPrint(hash)));
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t("prescriptions.pharmacy.traceHash")}
            value={hash}
            onChange={(e) => setHash(e.currentTarget.value)}
            data-testid="rx-trace-hash"
          />
          <Button type="submit">{t("prescriptions.open")}</Button>
        </Group>
      </form>
      {traced && (
        <Text data-testid="rx-traced">
          {t("prescriptions.pharmacy.traceFound", {
            name: traced.prescription.items.map((i) => i.drug_name).join(", "),
            version: traced.prescription.version,
            status: t(`prescriptions.status.${traced.prescription.status}`),
          })}
        </Text>
      )}
    </Stack>
  );
}
