// A batch below zero after a sync (two PCs dispensed the same units offline), as the Sync issues
// screen shows it: drug, batch, on-hand now. It can be marked resolved once an adjustment (Stock
// screen) has brought the batch back to zero or above.
import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StockBatchView } from "../bindings/StockBatchView";
import type { SyncIssueView } from "../bindings/SyncIssueView";
import { formatDateTime } from "../format";
import * as stock from "./api";

type Props = {
  issue: SyncIssueView;
  busy: boolean;
  act: (id: string, action: () => Promise<unknown>) => Promise<void>;
};

export function NegativeStockCard({ issue, busy, act }: Props) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<StockBatchView | null>(null);
  useEffect(() => {
    stock
      .negativeStockBatch(issue.id)
      .then(setView)
      .catch(() => setView(null));
  }, [issue.id]);
  const [drug, batch] = [view?.batch.drug_name ?? issue.reasons[0] ?? "", view?.batch.batch_number ?? issue.reasons[1] ?? ""];
  return (
    <Card withBorder data-testid="sync-issue" data-kind={issue.kind} data-id={issue.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t("stock.issue.title")}</Text>
          <Text size="xs" c="dimmed">
            {issue.created_at ? formatDateTime(issue.created_at, i18n.language) : ""}
          </Text>
        </Group>
        <Text data-testid="negative-stock-detail">
          {t("stock.issue.detail", { drug, batch, units: view?.on_hand ?? "…" })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("stock.issue.help")}
        </Text>
        <Group justify="flex-end">
          <Button
            size="xs"
            loading={busy}
            disabled={!view || view.on_hand < 0}
            data-testid="negative-stock-resolve"
            onClick={() => void act(issue.id, () => stock.resolveNegativeStock(issue.id))}
          >
            {t("stock.issue.resolve")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
