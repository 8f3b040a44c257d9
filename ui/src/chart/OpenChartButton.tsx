// The patient page's way into the chart, shown to the roles that may see it (doctor, nurse).
import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRole } from "../prescriptions/useRole";

export function OpenChartButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const role = useRole();
  if (role !== "doctor" && role !== "nurse") return null;
  return (
    <Button variant="light" onClick={onOpen} data-testid="open-chart">
      {t("chart.open")}
    </Button>
  );
}
