// The price list (administrators edit it; items are deactivated, never deleted).
import { Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Currency } from "../bindings/Currency";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PriceCategory } from "../bindings/PriceCategory";
import type { PriceItemSummary } from "../bindings/PriceItemSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as billing from "./api";
import { amountText, formatMoney, parseMoney, parsePercent, percentText } from "./logic";

const CATEGORIES: PriceCategory[] = ["consultation", "procedure", "lab_test", "medicine"];

type Form = { id: string | null; code: string; name: string; category: PriceCategory; price: string; tax: string; active: boolean };

const empty: Form = { id: null, code: "", name: "", category: "consultation", price: "", tax: "0", active: true };

type Props = { currency: Currency; canEdit: boolean; onCurrency: (c: Currency) => void };

export function PriceListScreen({ currency, canEdit, onCurrency }: Props) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<PriceItemSummary[]>([]);
  const [showInactive, setShowInactive] = useState(false);
  const [form, setForm] = useState<Form | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [code, setCode] = useState(currency.code);
  const [codeError, setCodeError] = useState<string | undefined>();

  const load = useCallback(() => {
    billing.priceList("", showInactive).then(setItems, (e: ErrorBody) => setError(e));
  }, [showInactive]);
  useEffect(load, [load]);

  const save = async () => {
    if (!form) return;
    const price = parseMoney(form.price, currency.minor_digits);
    const tax = parsePercent(form.tax);
    const local: Record<string, string> = {};
    if (price === null) local.unit_price = t("billing.invoice.badAmount");
    if (tax === null) local.tax_bp = t("billing.invoice.badPercent");
    setFields(local);
    if (price === null || tax === null) return;
    const input = { code: form.code, name: form.name, category: form.category, unit_price: price, tax_bp: tax, active: form.active };
    try {
      if (form.id) await billing.updatePriceItem(form.id, input);
      else await billing.createPriceItem(input);
      setForm(null);
      setError(null);
      load();
    } catch (e) {
      const body = e as ErrorBody;
      setFields(translatedFieldErrors(t, body));
      setError(body.fields.length ? null : body);
    }
  };

  const saveCurrency = async () => {
    try {
      onCurrency(await billing.setBillingCurrency(code));
      setCodeError(undefined);
    } catch (e) {
      const body = e as ErrorBody;
      setCodeError(translatedFieldErrors(t, body).currency ?? body.message);
    }
  };

  const edit = (i: PriceItemSummary) =>
    setForm({
      id: i.id,
      code: i.code,
      name: i.name,
      category: i.category,
      price: amountText(i.unit_price, currency.minor_digits),
      tax: percentText(i.tax_bp),
      active: i.active,
    });

  return (
    <Stack data-testid="price-list">
      <ErrorAlert error={error} />
      <Group>
        <Checkbox
          label={t("billing.price.showInactive")}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
        />
        {canEdit && (
          <Group gap="xs" align="flex-start">
            <TextInput w={90} aria-label={t("billing.price.currency")} placeholder={t("billing.price.currency")} value={code}
              error={codeError} data-testid="billing-currency" onChange={(e) => setCode(e.currentTarget.value)} />
            <Button variant="default" onClick={() => void saveCurrency()}>{t("billing.price.setCurrency")}</Button>
          </Group>
        )}
        {canEdit && !form && (
          <Button data-testid="price-add" onClick={() => (setFields({}), setForm(empty))}>
            {t("billing.price.add")}
          </Button>
        )}
      </Group>
      {form && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Group align="flex-start">
            <TextInput autoFocus label={t("billing.price.code")} value={form.code} error={fields.code} data-testid="price-code"
              onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} />
            <TextInput label={t("billing.price.name")} value={form.name} error={fields.name} data-testid="price-name"
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <Select label={t("billing.price.category")} value={form.category} allowDeselect={false}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`billing.category.${c}`) }))}
              onChange={(v) => v && setForm({ ...form, category: v as PriceCategory })} />
            <TextInput label={t("billing.price.unitPrice")} value={form.price} error={fields.unit_price} data-testid="price-amount"
              onChange={(e) => setForm({ ...form, price: e.currentTarget.value })} />
            <TextInput label={t("billing.price.tax")} value={form.tax} error={fields.tax_bp} data-testid="price-tax"
              onChange={(e) => setForm({ ...form, tax: e.currentTarget.value })} />
            <Checkbox mt="xl" label={t("billing.price.active")} checked={form.active}
              onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />
          </Group>
          <Group mt="sm">
            <Button type="submit" data-testid="price-save">{t("billing.price.save")}</Button>
            <Button variant="default" onClick={() => setForm(null)}>{t("billing.price.cancel")}</Button>
          </Group>
        </form>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">{t("billing.price.empty")}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("billing.price.code")}</Table.Th>
              <Table.Th>{t("billing.price.name")}</Table.Th>
              <Table.Th>{t("billing.price.category")}</Table.Th>
              <Table.Th ta="right">{t("billing.price.unitPrice")}</Table.Th>
              <Table.Th ta="right">{t("billing.price.tax")}</Table.Th>
              <Table.Th>{t("billing.price.active")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id} data-testid="price-row">
                <Table.Td>{i.code}</Table.Td>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{t(`billing.category.${i.category}`)}</Table.Td>
                <Table.Td ta="right">{formatMoney(i.unit_price, currency, i18n.language)}</Table.Td>
                <Table.Td ta="right">{percentText(i.tax_bp)}</Table.Td>
                <Table.Td>{i.active ? "✓" : "—"}</Table.Td>
                <Table.Td>
                  {canEdit && (
                    <Button size="xs" variant="subtle" onClick={() => (setFields({}), edit(i))}>
                      {t("billing.price.edit")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
