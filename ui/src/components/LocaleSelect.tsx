// The language switch: a native <select> (test id `locale-select`) that tells the core and i18next.
import { NativeSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import { applyLocale } from "../i18n";

export function LocaleSelect() {
  const { t, i18n } = useTranslation();
  const current = api.isLocale(i18n.language) ? i18n.language : "en";

  const change = (value: string) => {
    if (!api.isLocale(value)) return;
    applyLocale(value);
    // The choice is kept by the core for the next start; the screen switches at once either way.
    api.setLocale(value).catch(() => undefined);
  };

  return (
    <NativeSelect
      aria-label={t("locale.label")}
      data-testid="locale-select"
      size="xs"
      value={current}
      onChange={(e) => change(e.currentTarget.value)}
      data={api.LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
    />
  );
}
