// One encounter: notes (complaint, history, examination, plan, notes), vitals with live BMI,
// ICD-10 diagnoses; close it; once closed, read-only with addenda.
import { Badge, Button, Center, Divider, Group, Loader, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EncounterNotesInput } from "../bindings/EncounterNotesInput";
import type { EncounterView } from "../bindings/EncounterView";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Role } from "../bindings/Role";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { translatedFieldErrors } from "../i18n/messages";
import * as chart from "./api";
import { DiagnosesSection } from "./DiagnosesSection";
import { VitalsSection } from "./VitalsSection";

type Props = { id: string; role: Role | null; onChanged: () => void; onBack: () => void };

const NOTE_FIELDS = ["history", "examination", "plan", "notes"] as const;

const notesOf = (v: EncounterView): EncounterNotesInput => ({
  chief_complaint: v.encounter.chief_complaint,
  history: v.encounter.history,
  examination: v.encounter.examination,
  plan: v.encounter.plan,
  notes: v.encounter.notes,
  follow_up: v.encounter.follow_up,
});

export function EncounterForm({ id, role, onChanged, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<EncounterView | null>(null);
  const [notes, setNotes] = useState<EncounterNotesInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [addendum, setAddendum] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    chart
      .getEncounter(id)
      .then((v) => {
        setView(v);
        setNotes(notesOf(v));
      })
      .catch((e: unknown) => setError(e as ErrorBody));
  }, [id]);

  if (!view || !notes) return <Center py="xl">{error ? <ErrorAlert error={error} /> : <Loader />}</Center>;
  const open = view.encounter.status === "open";
  const saved = (v: EncounterView) => {
    setView(v);
    onChanged();
  };

  const run = async (action: () => Promise<EncounterView>, after?: () => void) => {
    setBusy(true);
    try {
      saved(await action());
      setErrors({});
      setError(null);
      after?.();
    } catch (e) {
      const body = e as ErrorBody;
      const map = translatedFieldErrors(t, body);
      if (map.status) setError({ ...body, message: t("chart.closedError") });
      else if (Object.keys(map).length > 0) setErrors(map);
      else setError(body);
    } finally {
      setBusy(false);
    }
  };

  const saveNotes = (e: FormEvent) => {
    e.preventDefault();
    void run(() => chart.updateEncounterNotes(id, notes));
  };

  return (
    <Stack data-testid="encounter-form">
      <Group justify="space-between">
        <Group>
          <Title order={3}>{t("chart.encounter")}</Title>
          <Text c="dimmed">{formatDateTime(view.encounter.started_at, i18n.language)}</Text>
          <Badge color={open ? "green" : "gray"} data-testid="encounter-status">
            {t(`chart.status.${view.encounter.status}`)}
          </Badge>
        </Group>
        <Group>
          <Button variant="default" onClick={onBack} data-testid="encounter-back">
            {t("chart.backToChart")}
          </Button>
          {open && (
            <Button color="gray" loading={busy} onClick={() => void run(() => chart.closeEncounter(id))} data-testid="encounter-close">
              {t("chart.close")}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={error} testId="encounter-error" />
      <form onSubmit={saveNotes}>
        <Stack gap="xs">
          <TextInput
            label={t("chart.field.chief_complaint")}
            value={notes.chief_complaint}
            readOnly={!open}
            onChange={(e) => setNotes({ ...notes, chief_complaint: e.currentTarget.value })}
            error={errors.chief_complaint}
            data-autofocus
            data-testid="encounter-complaint"
          />
          {NOTE_FIELDS.map((f) => (
            <Textarea
              key={f}
              label={t(`chart.field.${f}`)}
              value={notes[f]}
              readOnly={!open}
              autosize
              minRows={2}
              onChange={(e) => setNotes({ ...notes, [f]: e.currentTarget.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) saveNotes(e);
              }}
              error={errors[f]}
              data-testid={`encounter-${f}`}
            />
          ))}
          <TextInput
            maw={240}
            label={t("reminders.followUp.label")}
            description={t("reminders.followUp.help")}
            placeholder="YYYY-MM-DD"
            value={notes.follow_up}
            readOnly={!open}
            onChange={(e) => setNotes({ ...notes, follow_up: e.currentTarget.value })}
            error={errors.follow_up}
            data-testid="encounter-follow_up"
          />
          {open && (
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="encounter-save">
                {t("chart.saveNotes")}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      <Divider />
      <VitalsSection view={view} editable={open} onSaved={saved} onError={setError} />
      <Divider />
      <DiagnosesSection key={view.encounter.diagnoses.length} view={view} editable={open} canDiagnose={role === "doctor"} onSaved={saved} onError={setError} />
      <Divider />
      <Title order={4}>{t("chart.addenda")}</Title>
      {view.encounter.addenda.map((a) => (
        <Text key={a.id} size="sm">
          <b>{formatDateTime(a.at, i18n.language)}</b> — {a.text}
        </Text>
      ))}
      <Group align="flex-end">
        <Textarea
          style={{ flex: 1 }}
          label={t("chart.addendum")}
          value={addendum}
          onChange={(e) => setAddendum(e.currentTarget.value)}
          error={errors.text}
          data-testid="encounter-addendum"
        />
        <Button
          loading={busy}
          onClick={() => void run(() => chart.addEncounterAddendum(id, addendum), () => setAddendum(""))}
          data-testid="encounter-addendum-add"
        >
          {t("chart.addAddendum")}
        </Button>
      </Group>
    </Stack>
  );
}
