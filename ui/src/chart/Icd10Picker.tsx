// ICD-10-CM search as you type: by code prefix (J06, j069) or title words; Enter picks.
import { Autocomplete } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Icd10Code } from "../bindings/Icd10Code";
import * as chart from "./api";

type Props = { value: string; onChange: (code: string) => void; error?: string | undefined };

export function Icd10Picker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(value);
  const [found, setFound] = useState<Icd10Code[]>([]);

  useEffect(() => setQuery(value), [value]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      chart
        .searchIcd10(q)
        .then((list) => live && setFound(list))
        .catch(() => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const label = (c: Icd10Code) => `${c.code} ${c.title}`;
  return (
    <Autocomplete
      label={t("chart.diagnosis.code")}
      placeholder={t("chart.diagnosis.search")}
      value={query}
      data={found.map(label)}
      filter={({ options }) => options}
      limit={50}
      onChange={(v) => {
        setQuery(v);
        onChange(v.split(" ")[0] ?? "");
      }}
      onOptionSubmit={(v) => onChange(v.split(" ")[0] ?? "")}
      error={error}
      data-testid="icd10-picker"
    />
  );
}
