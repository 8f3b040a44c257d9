// A double booking found by sync, as the Sync issues screen shows it: both appointments (who,
// when, booked by whom), cancel one of them with a reason, or dismiss.
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { SyncIssueView } from "../bindings/SyncIssueView";
import { formatDateTime } from "../format";
import * as appointments from "./api";

type Props = {
  issue: SyncIssueView;
  busy: boolean;
  act: (id: string, action: () => Promise<unknown>) => Promise<void>;
};

export function DoubleBookingCard({ issue, busy, act }: Props) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<AppointmentSummary[]>([]);
  const [reason, setReason] = useState("");
  const [moveTo, setMoveTo] = useState("");
  // Moving one of them to a free time resolves the clash: the issue is then dismissed.
  const move = (r: AppointmentSummary) =>
    act(issue.id, async () => {
      await appointments.rescheduleAppointment(r.id, {
        clinician_id: r.clinician_id,
        start: moveTo,
        duration_minutes: r.duration_minutes,
      });
      await api.dismissIssue(issue.id);
    });
  useEffect(() => {
    appointments
      .doubleBookingAppointments(issue.id)
      .then(setRows)
      .catch(() => setRows([]));
  }, [issue.id]);
  return (
    <Card withBorder data-testid="sync-issue" data-kind={issue.kind} data-id={issue.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t("appointments.issue.title")}</Text>
          <Text size="xs" c="dimmed">
            {issue.created_at ? formatDateTime(issue.created_at, i18n.language) : ""}
          </Text>
        </Group>
        <Group gap={4}>
          {issue.reasons.map((r) => (
            <Badge key={r} variant="light">
              {t(`appointments.issue.reason.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </Group>
        <Table>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="double-booking-row">
                <Table.Td>{r.start.replace("T", " ")}–{r.end.slice(11)}</Table.Td>
                <Table.Td>{r.patient_name}</Table.Td>
                <Table.Td>{r.clinician_name}</Table.Td>
                <Table.Td>{t(`appointments.status.${r.status}`)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    loading={busy}
                    disabled={reason.trim() === ""}
                    data-testid="double-booking-cancel"
                    onClick={() => void act(issue.id, () => appointments.resolveDoubleBooking(issue.id, r.id, reason))}
                  >
                    {t("appointments.issue.cancelThis")}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    loading={busy}
                    disabled={moveTo === ""}
                    data-testid="double-booking-move"
                    onClick={() => void move(r)}
                  >
                    {t("appointments.issue.moveThis")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" align="flex-end">
          <TextInput
            label={t("appointments.cancelReason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="double-booking-reason"
          />
          <TextInput
            type="datetime-local"
            label={t("appointments.issue.moveTo")}
            value={moveTo}
            onChange={(e) => setMoveTo(e.currentTarget.value.slice(0, 16))}
            data-testid="double-booking-move-to"
          />
          <Button
            size="xs"
            variant="default"
            loading={busy}
            data-testid="issue-dismiss"
            onClick={() => void act(issue.id, () => api.dismissIssue(issue.id))}
          >
            {t("issues.dismiss")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
