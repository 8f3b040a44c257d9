// The queue row's reminder control for a booked appointment: the latest reminder's status and a
// "Send reminder" button (queues one now; it goes out with the next sync). Field errors (no consent,
// no address, already started) are shown under the button.
import { Badge, Button, Group, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { OutgoingMessageSummary } from "../bindings/OutgoingMessageSummary";
import { toErrorBody } from "../api";
import { translatedFieldErrors } from "../i18n/messages";
import { appointmentMessages, sendAppointmentReminder } from "./api";

const COLOR = { queued: "blue", sent: "green", failed: "red", cancelled: "gray" } as const;

export function ReminderCell({ appointment }: { appointment: AppointmentSummary }) {
  const { t } = useTranslation();
  const [latest, setLatest] = useState<OutgoingMessageSummary | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    appointmentMessages(appointment.id)
      .then((m) => setLatest(m[0] ?? null))
      .catch(() => undefined);
  }, [appointment.id]);

  if (appointment.status !== "booked") return null;
  const send = () => {
    setBusy(true);
    sendAppointmentReminder(appointment.id)
      .then((m) => {
        setLatest(m);
        setError("");
      })
      .catch((e: unknown) => {
        const body = toErrorBody(e);
        const fields = translatedFieldErrors(t, body);
        setError(Object.values(fields)[0] ?? body.message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <Group gap={4} wrap="nowrap">
      {latest && (
        <Badge size="xs" variant="light" color={COLOR[latest.status]} data-testid="reminder-status" title={latest.last_error}>
          {t(`reminders.outgoing.status.${latest.status}`)}
        </Badge>
      )}
      <Button size="compact-xs" variant="default" loading={busy} onClick={send} data-testid="queue-send-reminder">
        {t("reminders.outgoing.send")}
      </Button>
      {error && (
        <Text size="xs" c="red" data-testid="reminder-error">
          {error}
        </Text>
      )}
    </Group>
  );
}
