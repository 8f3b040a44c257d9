// The doctor's validated results not acknowledged yet (acknowledging happens on the order).
import { Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { LabResultToReview } from "../bindings/LabResultToReview";
import { formatDateTime } from "../format";
import * as lab from "./api";

export function ReviewList({ onOpen, reload }: { onOpen: (orderId: string) => void; reload: number }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<LabResultToReview[]>([]);
  useEffect(() => {
    lab.labResultsToReview().then(setRows, (e: unknown) => api.toErrorBody(e));
  }, [reload]);
  return (
    <Stack gap={4} data-testid="lab-review">
      <Title order={4}>{t("lab.review.title")}</Title>
      {rows.length === 0 && <Text size="sm" c="dimmed">{t("lab.review.empty")}</Text>}
      {rows.map((r) => (
        <Group key={r.order_id} gap="sm" data-testid="lab-review-row">
          <Text size="sm" fw={600}>{r.patient_name} {r.patient_number}</Text>
          <Text size="sm">{r.tests}</Text>
          {r.abnormal_count > 0 && <Badge color="orange">{t("lab.review.abnormal", { n: r.abnormal_count })}</Badge>}
          <Text size="xs" c="dimmed">{formatDateTime(r.validated_at, i18n.language)}</Text>
          <Button size="compact-xs" variant="light" onClick={() => onOpen(r.order_id)} data-testid="lab-review-open">
            {t("lab.review.open")}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
