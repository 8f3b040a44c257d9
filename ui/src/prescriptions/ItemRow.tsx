// One medicine line of the prescription form: catalogue search (or free text), strength, form,
// dose, route, frequency, days, quantity, instructions; errors shown on their field.
import { ActionIcon, Autocomplete, Badge, Grid, NumberInput, Select, TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Drug } from "../bindings/Drug";
import type { ItemInput } from "../bindings/ItemInput";
import * as rx from "./api";
import { ROUTES, withDrug, withFreeName } from "./logic";

type Props = {
  index: number;
  item: ItemInput;
  errors: Record<string, string>;
  onChange: (item: ItemInput) => void;
  onRemove: () => void;
};

export function ItemRow({ index, item, errors, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Drug[]>([]);
  const [drug, setDrug] = useState<Drug | null>(null);
  const err = (f: string) => errors[`items.${index}.${f}`];
  const query = item.drug_name;
  // Picking an option calls onOptionSubmit, then onChange with the option's text, both with this render's
  // `item`: that onChange must not turn the picked catalogue drug back into free text.
  const picked = useRef<string | null>(null);

  useEffect(() => {
    if (item.drug_id || query.trim().length < 2) return;
    const timer = setTimeout(() => {
      rx.searchDrugs(query)
        .then(setFound)
        .catch(() => setFound([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [query, item.drug_id]);

  const pick = (name: string) => {
    const d = found.find((x) => x.name === name);
    if (d) {
      picked.current = d.name;
      setDrug(d);
      onChange(withDrug(item, d));
    }
  };
  const set = (patch: Partial<ItemInput>) => onChange({ ...item, ...patch });

  return (
    <Grid gutter="xs" align="flex-end" data-testid={`rx-item-${index}`}>
      <Grid.Col span={4}>
        <Autocomplete
          label={t("prescriptions.item.drug")}
          placeholder={t("prescriptions.item.drugPlaceholder")}
          value={item.drug_name}
          data={found.map((d) => d.name)}
          onChange={(v) => {
            const justPicked = v === picked.current;
            picked.current = null;
            if (!justPicked && v !== item.drug_name) onChange(withFreeName(item, v));
          }}
          onOptionSubmit={pick}
          error={err("drug_name") ?? err("drug_id")}
          rightSection={item.drug_id || !item.drug_name ? undefined : <Badge size="xs">?</Badge>}
          description={item.drug_name && !item.drug_id ? t("prescriptions.item.freeText") : undefined}
          data-testid={`rx-drug-${index}`}
          data-autofocus={index === 0 ? true : undefined}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <Autocomplete
          label={t("prescriptions.item.strength")}
          value={item.strength}
          data={drug?.strengths ?? []}
          onChange={(v) => set({ strength: v })}
          error={err("strength")}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <Autocomplete
          label={t("prescriptions.item.form")}
          value={item.form}
          data={drug?.forms ?? []}
          onChange={(v) => set({ form: v })}
          error={err("form")}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <TextInput
          label={t("prescriptions.item.dose")}
          value={item.dose}
          onChange={(e) => set({ dose: e.currentTarget.value })}
          error={err("dose")}
          data-testid={`rx-dose-${index}`}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <Select
          label={t("prescriptions.item.route")}
          value={item.route}
          data={ROUTES.map((r) => ({ value: r, label: t(`prescriptions.route.${r}`) }))}
          onChange={(v) => set({ route: v ?? "" })}
          error={err("route")}
        />
      </Grid.Col>
      <Grid.Col span={3}>
        <TextInput
          label={t("prescriptions.item.frequency")}
          value={item.frequency}
          onChange={(e) => set({ frequency: e.currentTarget.value })}
          error={err("frequency")}
          data-testid={`rx-frequency-${index}`}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <NumberInput
          label={t("prescriptions.item.durationDays")}
          value={item.duration_days ?? ""}
          min={1}
          allowDecimal={false}
          onChange={(v) => set({ duration_days: typeof v === "number" ? v : undefined })}
          error={err("duration_days")}
          data-testid={`rx-days-${index}`}
        />
      </Grid.Col>
      <Grid.Col span={2}>
        <NumberInput
          label={t("prescriptions.item.quantity")}
          value={item.quantity ?? ""}
          min={1}
          allowDecimal={false}
          onChange={(v) => set({ quantity: typeof v === "number" ? v : undefined })}
          error={err("quantity")}
          data-testid={`rx-quantity-${index}`}
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <TextInput
          label={t("prescriptions.item.instructions")}
          value={item.instructions}
          onChange={(e) => set({ instructions: e.currentTarget.value })}
          error={err("instructions")}
        />
      </Grid.Col>
      <Grid.Col span={1}>
        <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t("prescriptions.item.remove")}>
          ×
        </ActionIcon>
      </Grid.Col>
    </Grid>
  );
}
