// The prescription form: medicines with live allergy/interaction warnings; save a draft, issue
// (with an override reason when warned), or amend an issued prescription (a new version).
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { ItemInput } from "../bindings/ItemInput";
import type { PrescriptionInput } from "../bindings/PrescriptionInput";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import type { RxWarning } from "../bindings/RxWarning";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as rx from "./api";
import { ItemRow } from "./ItemRow";
import { blankItem, itemsOf, namedItems, needsOverride } from "./logic";
import { WarningList } from "./WarningList";

type Props = {
  patientId: string;
  /** A draft to edit, or an issued prescription to amend; none for a new one. */
  base?: PrescriptionView;
  onClose: () => void;
  onDone: (view: PrescriptionView) => void;
};

export function PrescriptionForm({ patientId, base, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const amending = base?.prescription.status === "issued";
  const [items, setItems] = useState<ItemInput[]>(base ? itemsOf(base.prescription) : [blankItem()]);
  const [notes, setNotes] = useState(base?.prescription.notes ?? "");
  const [reason, setReason] = useState("");
  const [warnings, setWarnings] = useState<RxWarning[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // The draft saved so far (an issue refused for a missing reason keeps it, so it is not saved twice).
  const [draftId, setDraftId] = useState<string | null>(base && !amending ? base.id : null);

  useEffect(() => {
    const named = namedItems(items);
    if (named.length === 0) {
      setWarnings([]);
      return;
    }
    const timer = setTimeout(() => {
      rx.checkPrescription(patientId, named)
        .then(setWarnings)
        .catch(() => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [items, patientId]);

  const input = (): PrescriptionInput => ({
    patient_id: patientId,
    encounter_id: base?.prescription.encounter_id || undefined,
    items,
    notes,
  });
  const errors = error ? translatedFieldErrors(t, error) : {};
  const blocked = needsOverride(warnings) && reason.trim() === "";

  const run = async (action: () => Promise<PrescriptionView>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await action());
    } catch (e) {
      setError(e as ErrorBody);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const draft = draftId ? await rx.updatePrescription(draftId, input()) : await rx.createPrescription(input());
    setDraftId(draft.id);
    return draft;
  };
  const saveDraft = () => run(save);
  const issue = () =>
    run(async () => {
      if (amending && base) return rx.amendPrescription(base.id, input(), reason);
      const draft = await save();
      return rx.issuePrescription(draft.id, reason);
    });

  return (
    <Modal opened onClose={onClose} size="90%" title={amending ? t("prescriptions.amendTitle") : t("prescriptions.new")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <Stack gap="sm" data-testid="rx-form">
          {items.map((item, i) => (
            <ItemRow
              key={item.id ?? `new-${i}`}
              index={i}
              item={item}
              errors={errors}
              onChange={(next) => setItems(items.map((x, j) => (j === i ? next : x)))}
              onRemove={() => setItems(items.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button variant="light" onClick={() => setItems([...items, blankItem()])} data-testid="rx-add-item">
              {t("prescriptions.item.add")}
            </Button>
          </Group>
          {errors.items && <Text c="red" size="sm">{errors.items}</Text>}
          <Textarea label={t("prescriptions.notes")} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize />
          <WarningList warnings={warnings} />
          {needsOverride(warnings) && (
            <Textarea
              label={t("prescriptions.overrideReason")}
              description={t("prescriptions.overrideHelp")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.override_reason}
              required
              data-testid="rx-override-reason"
            />
          )}
          <ErrorAlert error={error && error.fields.length === 0 ? error : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            {!amending && (
              <Button variant="light" onClick={() => void saveDraft()} loading={busy} data-testid="rx-save-draft">
                {t("prescriptions.saveDraft")}
              </Button>
            )}
            <Button type="submit" loading={busy} disabled={blocked} data-testid="rx-issue">
              {amending ? t("prescriptions.amend") : t("prescriptions.issue")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
