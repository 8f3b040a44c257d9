// The FHIR export's file: its name and its download link.

/** `fhir-<patient number>.json`, keeping only characters every file system accepts. */
export function fhirFileName(number: string): string {
  const safe = number.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return `fhir-${safe || "patient"}.json`;
}

/** A Blob URL holding the bundle as FHIR JSON; revoke it with `URL.revokeObjectURL` when done. */
export function fhirBlobUrl(json: string): string {
  return URL.createObjectURL(new Blob([json], { type: "application/fhir+json" }));
}
