// The daily cash-up: per cashier and method, refunds apart, with totals.
import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CashUp } from "../bindings/CashUp";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import * as billing from "./api";
import { formatMoney, localDay } from "./logic";

export function CashUpScreen() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState(localDay());
  const [data, setData] = useState<CashUp | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const load = useCallback(() => {
    billing.cashUp(day).then(
      (c) => (setData(c), setError(null)),
      (e: ErrorBody) => setError(e),
    );
  }, [day]);
  useEffect(load, [load]);

  const money = (m: number) => (data ? formatMoney(m, data.currency, i18n.language) : "");
  return (
    <Stack data-testid="cash-up">
      <Group align="flex-end">
        <TextInput type="date" label={t("billing.cashUp.day")} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
        <Button onClick={load}>{t("billing.cashUp.load")}</Button>
      </Group>
      <ErrorAlert error={error} />
      {data && data.rows.length === 0 && <Text c="dimmed">{t("billing.cashUp.empty")}</Text>}
      {data && data.rows.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("billing.cashUp.cashier")}</Table.Th>
              <Table.Th>{t("billing.cashUp.method")}</Table.Th>
              <Table.Th ta="right">{t("billing.cashUp.payments")}</Table.Th>
              <Table.Th ta="right">{t("billing.cashUp.refunds")}</Table.Th>
              <Table.Th ta="right">{t("billing.cashUp.net")}</Table.Th>
              <Table.Th ta="right">{t("billing.cashUp.count")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={`${r.cashier_id}-${r.method}`} data-testid="cash-up-row">
                <Table.Td>{r.cashier}</Table.Td>
                <Table.Td>{t(`billing.method.${r.method}`, { defaultValue: r.method })}</Table.Td>
                <Table.Td ta="right">{money(r.payments)}</Table.Td>
                <Table.Td ta="right">{money(r.refunds)}</Table.Td>
                <Table.Td ta="right">{money(r.net)}</Table.Td>
                <Table.Td ta="right">{r.count}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700} data-testid="cash-up-total">
              <Table.Td colSpan={2}>{t("billing.cashUp.totals")}</Table.Td>
              <Table.Td ta="right">{money(data.payments)}</Table.Td>
              <Table.Td ta="right">{money(data.refunds)}</Table.Td>
              <Table.Td ta="right">{money(data.net)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
