// Entering an order's results: one row per test, the flag shown live as the value is typed (the core
// computes it again), qualitative tests offer their answers. Enter saves; a partial entry is kept.
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { LabOrderView } from "../bindings/LabOrderView";
import type { LabTest } from "../bindings/LabTest";
import type { LabResultInput } from "../bindings/LabResultInput";
import { translatedFieldErrors } from "../i18n/messages";
import * as lab from "./api";
import { flagColor, liveFlag } from "./flags";

type Props = { view: LabOrderView; catalogue: LabTest[]; onSaved: (v: LabOrderView) => void; onError: (e: ErrorBody | null) => void };

export function ResultsForm({ view, catalogue, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(view.results.map((r) => [r.test_id, r.value])),
  );
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries(view.results.map((r) => [r.test_id, r.comment])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const sex = view.order.patient_sex;

  const save = async () => {
    const sent: { row: number; input: LabResultInput }[] = [];
    view.results.forEach((r, row) => {
      const value = (values[r.test_id] ?? "").trim();
      if (value) sent.push({ row, input: { test_id: r.test_id, value, comment: comments[r.test_id] ?? "" } });
    });
    setBusy(true);
    setErrors({});
    try {
      onSaved(await lab.enterLabResults(view.id, { results: sent.map((s) => s.input) }));
      onError(null);
    } catch (e) {
      const body = api.toErrorBody(e);
      if (api.isSessionError(body)) return;
      // `results.N.…` names the N-th result sent: back to the row it came from.
      const fields = translatedFieldErrors(t, body);
      const mapped: Record<string, string> = {};
      for (const [key, text] of Object.entries(fields)) {
        const m = /^results\.(\d+)\.(\w+)$/.exec(key);
        const row = m ? sent[Number(m[1])]?.row : undefined;
        mapped[row !== undefined && m ? `${row}.${m[2]}` : key] = text;
      }
      setErrors(mapped);
      onError(Object.keys(mapped).length ? null : body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack component="form" gap="xs" onSubmit={(e) => (e.preventDefault(), void save())} data-testid="lab-results-form">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("lab.results.test")}</Table.Th>
            <Table.Th>{t("lab.results.value")}</Table.Th>
            <Table.Th>{t("lab.results.reference")}</Table.Th>
            <Table.Th>{t("lab.results.flag")}</Table.Th>
            <Table.Th>{t("lab.results.comment")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.results.map((r, i) => {
            const test = catalogue.find((c) => c.id === r.test_id);
            const value = values[r.test_id] ?? "";
            const flag = test ? liveFlag(test, sex, value) : r.flag;
            const set = (v: string) => setValues((old) => ({ ...old, [r.test_id]: v }));
            const common = { "aria-label": r.name, error: errors[`${i}.value`] ?? errors[`${i}.test_id`], "data-testid": "lab-result-value", "data-test": r.test_id };
            return (
              <Table.Tr key={r.test_id} data-testid="lab-result-row" data-flag={flag}>
                <Table.Td>{r.name} <Text span size="xs" c="dimmed">{r.unit}</Text></Table.Td>
                <Table.Td>
                  {r.answers.length > 0 ? (
                    <NativeSelect {...common} autoFocus={i === 0} value={value} onChange={(e) => set(e.currentTarget.value)}
                      data={[{ value: "", label: "—" }, ...r.answers.map((a) => ({ value: a, label: a }))]} />
                  ) : (
                    <TextInput {...common} autoFocus={i === 0} w={110} value={value} inputMode="decimal" onChange={(e) => set(e.currentTarget.value)} />
                  )}
                </Table.Td>
                <Table.Td>{r.reference}</Table.Td>
                <Table.Td>
                  {flag !== "none" && (
                    <Badge color={flagColor(flag)} variant={flag.startsWith("critical") ? "filled" : "light"} data-testid="lab-result-flag">
                      {t(`lab.flag.${flag}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t("lab.results.comment")} value={comments[r.test_id] ?? ""} error={errors[`${i}.comment`]}
                    onChange={(e) => setComments((old) => ({ ...old, [r.test_id]: e.currentTarget.value }))} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {errors.results && <Text c="red" size="sm">{errors.results}</Text>}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">{t("lab.results.hint")}</Text>
        <Button type="submit" loading={busy} data-testid="lab-results-save">{t("lab.results.save")}</Button>
      </Group>
    </Stack>
  );
}
