// Pharmacy stock: levels per drug (usable units, earliest expiry, low-stock badge), the alerts,
// receiving a delivery, and the batches of one drug (with adjustments).
import { Badge, Button, Center, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Role } from "../bindings/Role";
import type { StockAlert } from "../bindings/StockAlert";
import type { StockLevel } from "../bindings/StockLevel";
import { ErrorAlert } from "../components/ErrorAlert";
import { BatchesPanel } from "./BatchesPanel";
import { ReceiveForm } from "./ReceiveForm";
import * as stock from "./api";
import { canManageStock } from "./logic";

type Props = { role: Role };

export function StockScreen({ role }: Props) {
  const { t } = useTranslation();
  const [levels, setLevels] = useState<StockLevel[] | null>(null);
  const [alerts, setAlerts] = useState<StockAlert[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [drug, setDrug] = useState<StockLevel | null>(null);
  const manage = canManageStock(role);

  const load = useCallback(() => {
    Promise.all([stock.stockLevels(), stock.stockAlerts()])
      .then(([l, a]) => {
        setLevels(l);
        setAlerts(a);
        setError(null);
      })
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        if (!api.isSessionError(body)) setError(body);
      });
  }, []);
  useEffect(load, [load]);

  const changed = () => {
    setReceiving(false);
    load();
  };

  if (!levels) return <Center py="xl">{error ? <ErrorAlert error={error} onRetry={load} /> : <Loader />}</Center>;
  return (
    <Stack data-testid="stock-screen">
      <Group justify="space-between">
        <Title order={2}>{t("stock.title")}</Title>
        {manage && !receiving && (
          <Button data-testid="stock-receive-open" onClick={() => setReceiving(true)}>
            {t("stock.receive.open")}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} onRetry={load} />
      {receiving && <ReceiveForm onDone={changed} onCancel={() => setReceiving(false)} />}
      {alerts.length > 0 && (
        <Stack gap={4} data-testid="stock-alerts">
          <Text fw={600}>{t("stock.alerts.title")}</Text>
          {alerts.map((a) => (
            <Group key={`${a.kind}-${a.drug_id}-${a.batch_id}`} gap="xs" data-testid="stock-alert" data-kind={a.kind}>
              <Badge color={a.kind === "expiring_soon" || a.kind === "low_stock" ? "yellow" : "red"} variant="light">
                {t(`stock.alerts.kind.${a.kind}`)}
              </Badge>
              <Text size="sm">
                {a.batch_id
                  ? t("stock.alerts.batch", { drug: a.drug_name, batch: a.batch_number, expiry: a.expiry, units: a.on_hand })
                  : t("stock.alerts.drug", { drug: a.drug_name, units: a.on_hand })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {levels.length === 0 ? (
        <Text c="dimmed" data-testid="stock-empty">
          {t("stock.empty")}
        </Text>
      ) : (
        <Table highlightOnHover data-testid="stock-levels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("stock.columns.drug")}</Table.Th>
              <Table.Th ta="right">{t("stock.columns.usable")}</Table.Th>
              <Table.Th ta="right">{t("stock.columns.onHand")}</Table.Th>
              <Table.Th>{t("stock.columns.earliestExpiry")}</Table.Th>
              <Table.Th ta="right">{t("stock.columns.batches")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((l) => (
              <Table.Tr
                key={l.drug_id}
                data-testid="stock-level"
                data-drug={l.drug_id}
                style={{ cursor: "pointer" }}
                tabIndex={0}
                onClick={() => setDrug(l)}
                onKeyDown={(e) => e.key === "Enter" && setDrug(l)}
              >
                <Table.Td>
                  {l.drug_name} {l.low && <Badge color="yellow" size="xs">{t("stock.low")}</Badge>}
                </Table.Td>
                <Table.Td ta="right">{l.usable}</Table.Td>
                <Table.Td ta="right" c={l.on_hand < 0 ? "red" : undefined}>
                  {l.on_hand}
                </Table.Td>
                <Table.Td>{l.earliest_expiry}</Table.Td>
                <Table.Td ta="right">{l.batches}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {drug && (
        <BatchesPanel key={drug.drug_id} drug={drug} manage={manage} onChanged={load} onClose={() => setDrug(null)} />
      )}
      <Text size="xs" c="dimmed">
        {t("stock.note")}
      </Text>
    </Stack>
  );
}
