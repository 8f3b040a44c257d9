// A text input whose element and error text carry the test ids the end-to-end tests look for.
import { TextInput, type TextInputProps } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";

type Props = Omit<TextInputProps, "value" | "onChange" | "error"> & {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** `data-testid` of the input. */
  testId: string;
  /** `data-testid` of the error text under it. */
  errorTestId: string;
};

export function FormText({ value, onChange, error, testId, errorTestId, ...rest }: Props) {
  return (
    <TextInput
      {...rest}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-testid={testId}
      errorProps={{ "data-testid": errorTestId } as ComponentPropsWithoutRef<"div">}
    />
  );
}
