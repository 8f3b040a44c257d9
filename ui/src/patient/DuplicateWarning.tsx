// Patients who look like the one being registered, with why; registering needs a deliberate click.
import { Alert, Anchor, Badge, Button, Group, List, Stack, Text } from "@mantine/core";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateCandidate } from "../bindings/DuplicateCandidate";
import { formatBirthDate } from "../format";
import { enumLabel } from "../i18n/messages";

type Props = {
  ref?: Ref<HTMLDivElement>;
  candidates: DuplicateCandidate[];
  busy: boolean;
  onOpen: (id: string) => void;
  onRegisterAnyway: () => void;
};

export function DuplicateWarning({ ref, candidates, busy, onOpen, onRegisterAnyway }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Alert ref={ref} color="orange" variant="light" title={t("form.duplicateTitle")} data-testid="duplicate-warning">
      <Stack gap="sm">
        <Text size="sm">{t("form.duplicateText")}</Text>
        <List spacing="xs">
          {candidates.map(({ patient: p, reasons }) => (
            <List.Item key={p.id} data-testid="duplicate-candidate" data-number={p.number}>
              <Group gap="xs">
                <Anchor component="button" type="button" onClick={() => onOpen(p.id)}>
                  {p.number} · {p.given_name} {p.family_name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {formatBirthDate(p.birth_date, p.birth_date_estimated, i18n.language)}
                  {p.phone && ` · ${p.phone}`}
                </Text>
                {reasons.map((r) => (
                  <Badge key={r} color="orange" variant="outline" size="sm">
                    {enumLabel(t, "duplicateReason", r)}
                  </Badge>
                ))}
              </Group>
            </List.Item>
          ))}
        </List>
        <Group>
          <Button color="orange" loading={busy} onClick={onRegisterAnyway} data-testid="register-anyway">
            {t("form.registerAnyway")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
