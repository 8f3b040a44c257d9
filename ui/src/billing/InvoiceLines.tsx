// A draft's lines: add from the price list by keyboard search (Enter adds the first match), with
// quantity and discount; the totals shown include the line being typed, computed as the core does.
import { Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DiscountKind } from "../bindings/DiscountKind";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { InvoiceView } from "../bindings/InvoiceView";
import type { PriceItemSummary } from "../bindings/PriceItemSummary";
import { translatedFieldErrors } from "../i18n/messages";
import { useListNavigation } from "../shortcuts/useListNavigation";
import * as billing from "./api";
import { formatMoney, linePreview, parseMoney, parsePercent } from "./logic";

type Props = { view: InvoiceView; onChange: (v: InvoiceView) => void; onError: (e: ErrorBody | null) => void };

export function InvoiceLines({ view, onChange, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<PriceItemSummary[]>([]);
  const [query, setQuery] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [kind, setKind] = useState<DiscountKind>("none");
  const [value, setValue] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const draft = view.invoice.status === "draft";
  const currency = view.currency;
  const money = (m: number) => formatMoney(m, currency, i18n.language);

  useEffect(() => {
    if (draft) billing.priceList("", false).then(setItems, onError);
  }, [draft, onError]);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return items.filter((i) => i.code.toLowerCase().includes(q) || i.name.toLowerCase().includes(q)).slice(0, 8);
  }, [items, query]);

  const discountValue = kind === "amount" ? parseMoney(value || "0", currency.minor_digits) : kind === "percent" ? parsePercent(value || "0") : 0;
  const qty = /^\d+$/.test(quantity.trim()) ? Number(quantity) : null;
  const nav = useListNavigation(matches, (m) => m.id, (m) => void add(m));
  const highlighted = matches[nav.active];
  const pending = highlighted && qty !== null && discountValue !== null
    ? linePreview(highlighted.unit_price, highlighted.tax_bp, qty, kind, discountValue)
    : null;

  const add = async (item: PriceItemSummary | undefined) => {
    if (!item) return;
    const local: Record<string, string> = {};
    if (qty === null) local.quantity = t("errors.invalid_format", { defaultValue: "?" });
    if (discountValue === null) local.discount_value = kind === "percent" ? t("billing.invoice.badPercent") : t("billing.invoice.badAmount");
    setFields(local);
    if (qty === null || discountValue === null) return;
    try {
      onChange(await billing.addInvoiceLine(view.id, { item_id: item.id, quantity: qty, discount_kind: kind, discount_value: discountValue }));
      setQuery("");
      setQuantity("1");
      setKind("none");
      setValue("");
      onError(null);
    } catch (e) {
      const body = e as ErrorBody;
      setFields(translatedFieldErrors(t, body));
      if (!body.fields.length) onError(body);
    }
  };

  const remove = async (lineId: string) => {
    try {
      onChange(await billing.removeInvoiceLine(view.id, lineId));
    } catch (e) {
      onError(e as ErrorBody);
    }
  };

  return (
    <Stack gap="sm">
      {draft && (
        <Group align="flex-start">
          <Stack gap={4} style={{ flex: 1 }}>
            <TextInput
              autoFocus
              label={t("billing.invoice.itemSearch")}
              value={query}
              error={fields.item_id}
              data-testid="invoice-item-search"
              onChange={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={nav.onKeyDown}
            />
            {matches.map((m, i) => (
              <Button key={m.id} variant={nav.isActive(i) ? "light" : "subtle"} size="compact-sm" justify="flex-start"
                data-testid="invoice-item-match" aria-selected={nav.isActive(i)} tabIndex={-1} onClick={() => void add(m)}>
                {m.code} — {m.name} — {money(m.unit_price)}
              </Button>
            ))}
          </Stack>
          <TextInput w={90} label={t("billing.invoice.quantity")} value={quantity} error={fields.quantity}
            data-testid="invoice-quantity" onChange={(e) => setQuantity(e.currentTarget.value)} />
          <Select w={150} label={t("billing.invoice.discountKind")} value={kind} allowDeselect={false}
            data={(["none", "amount", "percent"] as const).map((k) => ({ value: k, label: t(`billing.discount.${k}`) }))}
            onChange={(v) => v && setKind(v as DiscountKind)} />
          {kind !== "none" && (
            <TextInput w={120} label={t("billing.invoice.discountValue")} value={value} error={fields.discount_value}
              data-testid="invoice-discount" onChange={(e) => setValue(e.currentTarget.value)} />
          )}
        </Group>
      )}
      <Table striped data-testid="invoice-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("billing.invoice.description")}</Table.Th>
            <Table.Th ta="right">{t("billing.invoice.qty")}</Table.Th>
            <Table.Th ta="right">{t("billing.invoice.unitPrice")}</Table.Th>
            <Table.Th ta="right">{t("billing.invoice.discountTotal")}</Table.Th>
            <Table.Th ta="right">{t("billing.invoice.tax")}</Table.Th>
            <Table.Th ta="right">{t("billing.invoice.amount")}</Table.Th>
            {draft && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.invoice.lines.map((l, i) => {
            const a = view.line_amounts[i];
            return (
              <Table.Tr key={l.id} data-testid="invoice-line">
                <Table.Td>{l.description}</Table.Td>
                <Table.Td ta="right">{l.quantity}</Table.Td>
                <Table.Td ta="right">{money(l.unit_price)}</Table.Td>
                <Table.Td ta="right">{a ? money(a.discount) : ""}</Table.Td>
                <Table.Td ta="right">{a ? money(a.tax) : ""}</Table.Td>
                <Table.Td ta="right">{a ? money(a.total) : ""}</Table.Td>
                {draft && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(l.id)}>
                      {t("billing.invoice.remove")}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" gap="xl">
        <Text>{t("billing.invoice.subtotal")}: {money(view.totals.subtotal)}</Text>
        <Text>{t("billing.invoice.discountTotal")}: {money(view.totals.discount)}</Text>
        <Text>{t("billing.invoice.taxTotal")}: {money(view.totals.tax)}</Text>
        <Text fw={700} data-testid="invoice-total">{t("billing.invoice.total")}: {money(view.totals.total)}</Text>
      </Group>
      {draft && pending && (
        <Text ta="right" c="dimmed" data-testid="invoice-preview">
          {t("billing.invoice.preview", { total: money(view.totals.total + pending.total) })}
        </Text>
      )}
    </Stack>
  );
}
