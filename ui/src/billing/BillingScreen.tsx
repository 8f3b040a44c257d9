// Billing: invoices (list, new, open), the price list and the daily cash-up.
import { Badge, Button, Group, Stack, Table, Tabs, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Currency } from "../bindings/Currency";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { InvoiceSummary } from "../bindings/InvoiceSummary";
import type { Role } from "../bindings/Role";
import { ErrorAlert } from "../components/ErrorAlert";
import { useDebounced } from "../hooks/useDebounced";
import * as billing from "./api";
import { CashUpScreen } from "./CashUpScreen";
import { InvoiceScreen } from "./InvoiceScreen";
import { canManageBilling, formatMoney } from "./logic";
import { PriceListScreen } from "./PriceListScreen";
import { RevenueScreen } from "./RevenueScreen";

function InvoiceList({ currency, onOpen, onNew }: { currency: Currency; onOpen: (id: string) => void; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState("");
  const settled = useDebounced(query, 150);
  const [rows, setRows] = useState<InvoiceSummary[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    billing.listInvoices(null, null, settled).then(setRows, (e: ErrorBody) => setError(e));
  }, [settled]);
  const money = (m: number, code: string) =>
    formatMoney(m, code === currency.code ? currency : { code, minor_digits: 2 }, i18n.language);
  return (
    <Stack>
      <Group>
        <TextInput style={{ flex: 1 }} placeholder={t("billing.list.search")} value={query} data-testid="invoice-search"
          onChange={(e) => setQuery(e.currentTarget.value)} />
        <Button data-testid="invoice-new" onClick={onNew}>{t("billing.list.new")}</Button>
      </Group>
      <ErrorAlert error={error} />
      {rows.length === 0 ? (
        <Text c="dimmed">{t("billing.list.empty")}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("billing.list.number")}</Table.Th>
              <Table.Th>{t("billing.list.patient")}</Table.Th>
              <Table.Th>{t("billing.list.status")}</Table.Th>
              <Table.Th ta="right">{t("billing.list.total")}</Table.Th>
              <Table.Th ta="right">{t("billing.list.paid")}</Table.Th>
              <Table.Th ta="right">{t("billing.list.balance")}</Table.Th>
              <Table.Th>{t("billing.list.date")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="invoice-row">
                <Table.Td>{r.number || "—"}</Table.Td>
                <Table.Td>{r.patient_name}</Table.Td>
                <Table.Td><Badge variant="light" color={r.status === "void" ? "red" : r.status === "draft" ? "gray" : "blue"}>{t(`billing.status.${r.status}`)}</Badge></Table.Td>
                <Table.Td ta="right">{money(r.total, r.currency)}</Table.Td>
                <Table.Td ta="right">{money(r.paid, r.currency)}</Table.Td>
                <Table.Td ta="right">{money(r.balance, r.currency)}</Table.Td>
                <Table.Td>{(r.issued_at || r.created_at).slice(0, 10)}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" onClick={() => onOpen(r.id)}>{t("billing.list.open")}</Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function BillingScreen({ role, newInvoice }: { role: Role; newInvoice?: boolean | undefined }) {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState<Currency>({ code: "USD", minor_digits: 2 });
  const [invoice, setInvoice] = useState<{ id: string | null } | null>(newInvoice ? { id: null } : null);
  const isAdmin = canManageBilling(role);
  useEffect(() => {
    billing.billingCurrency().then(setCurrency, () => undefined);
  }, []);
  if (invoice) return <InvoiceScreen key={invoice.id ?? "new"} id={invoice.id} isAdmin={isAdmin} onBack={() => setInvoice(null)} />;
  return (
    <Tabs defaultValue="invoices" keepMounted={false} data-testid="billing-screen">
      <Tabs.List>
        <Tabs.Tab value="invoices" data-testid="billing-tab-invoices">{t("billing.tabs.invoices")}</Tabs.Tab>
        <Tabs.Tab value="prices" data-testid="billing-tab-prices">{t("billing.tabs.priceList")}</Tabs.Tab>
        <Tabs.Tab value="cashup" data-testid="billing-tab-cashup">{t("billing.tabs.cashUp")}</Tabs.Tab>
        <Tabs.Tab value="revenue" data-testid="billing-tab-revenue">{t("billing.tabs.revenue")}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="invoices" pt="md">
        <InvoiceList currency={currency} onOpen={(id) => setInvoice({ id })} onNew={() => setInvoice({ id: null })} />
      </Tabs.Panel>
      <Tabs.Panel value="prices" pt="md">
        <PriceListScreen currency={currency} canEdit={isAdmin} onCurrency={setCurrency} />
      </Tabs.Panel>
      <Tabs.Panel value="cashup" pt="md">
        <CashUpScreen />
      </Tabs.Panel>
      <Tabs.Panel value="revenue" pt="md">
        <RevenueScreen />
      </Tabs.Panel>
    </Tabs>
  );
}
