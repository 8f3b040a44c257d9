// The header's reminders entry: a badge with the count of the user's reminders (refreshed every
// minute and after a sync) that opens a panel listing them by kind; choosing one opens its screen.
import { Badge, Button, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReminderItem } from "../bindings/ReminderItem";
import { formatMoney } from "../billing/logic";
import { reminders } from "./api";
import { groupReminders, whenLabel } from "./logic";

type Props = { active: boolean; onOpen: (item: ReminderItem) => void };

export function RemindersButton({ active, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ReminderItem[]>([]);
  const [opened, setOpened] = useState(false);
  const refresh = useCallback(() => {
    reminders()
      .then(setItems)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!active) return;
    refresh();
    const timer = window.setInterval(refresh, 60_000);
    return () => window.clearInterval(timer);
  }, [active, refresh]);

  const choose = (item: ReminderItem) => {
    setOpened(false);
    onOpen(item);
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="bottom-start" shadow="md" trapFocus>
      <Popover.Target>
        <Button
          variant={items.length > 0 ? "light" : "subtle"}
          data-testid="nav-reminders"
          data-count={items.length}
          aria-label={t("reminders.open", { count: items.length })}
          onClick={() => {
            if (!opened) refresh();
            setOpened((o) => !o);
          }}
          rightSection={items.length > 0 ? <Badge size="sm">{items.length}</Badge> : undefined}
        >
          {t("reminders.nav")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="reminders-panel">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("reminders.none")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap="sm">
              {groupReminders(items).map(([kind, group]) => (
                <Stack key={kind} gap={4}>
                  <Text fw={600} size="sm">
                    {t(`reminders.kind.${kind}`, { count: group.length })}
                  </Text>
                  {group.map((item) => (
                    <UnstyledButton
                      key={`${item.kind}-${item.target_id}`}
                      data-testid={`reminder-${item.kind}`}
                      onClick={() => choose(item)}
                    >
                      <Text size="sm">
                        {whenLabel(item)} · {item.patient_name || t("reminders.unknownPatient")}
                        {item.kind === "unpaid_balance" && ` · ${item.detail} · ${formatMoney(item.amount, { code: item.currency, minor_digits: item.currency_digits }, i18n.language)}`}
                        {item.kind === "lab_result" && ` · ${item.detail}`}
                        {item.kind === "lab_result" && item.amount > 0 && ` · ${t("reminders.abnormal", { count: item.amount })}`}
                        {item.kind === "message_failed" && ` · ${t("reminders.error", { code: item.detail })}`}
                        {item.kind === "appointment_today" && item.detail && ` · ${item.detail}`}
                      </Text>
                    </UnstyledButton>
                  ))}
                </Stack>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
