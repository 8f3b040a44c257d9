#!/usr/bin/env python3
"""Validates Clinic's FHIR export with an independent implementation: fhir.resources (pydantic models
generated from the FHIR specification; unknown elements, wrong types, missing required elements and
bad primitive formats are errors). fhir.resources 8 ships R4B (4.3.0) and no plain R4 module; for the
resources Clinic writes (Bundle, Patient, AllergyIntolerance, Condition, MedicationStatement) the R4B
definitions are those of R4.

Usage: validate-fhir.py DIR
  DIR/*.json    one resource each (a Bundle's entries are validated one by one too)
  DIR/*.ndjson  one resource per line; the file is named after its resource type (Patient.ndjson)
fhir.resources checks structure and primitive formats but not code values, so the codes of the
required bindings Clinic uses are checked here against their value sets, copied from the R4 spec.
Exits 0 when everything is valid, 1 with every error on standard error, 2 when it cannot run.
"""
import json
import pathlib
import sys

try:
    from fhir.resources.R4B import get_fhir_model_class
except ImportError as e:  # pragma: no cover
    print(f"validate-fhir: fhir.resources is not installed ({e}); run scripts/install-deps.sh", file=sys.stderr)
    sys.exit(2)

# Required bindings (FHIR R4): resource type -> (path, allowed codes). Coded values are checked by
# system + code for clinicalStatus.
REQUIRED = {
    "Bundle": [(("type",), {"document", "message", "transaction", "transaction-response", "batch",
                             "batch-response", "history", "searchset", "collection"})],
    "Patient": [(("gender",), {"male", "female", "other", "unknown"})],
    "AllergyIntolerance": [
        (("criticality",), {"low", "high", "unable-to-assess"}),
        (("reaction", "*", "severity"), {"mild", "moderate", "severe"}),
        (("clinicalStatus", "coding", "*", "code"), {"active", "inactive", "resolved"}),
    ],
    "Condition": [(("clinicalStatus", "coding", "*", "code"),
                   {"active", "recurrence", "relapse", "inactive", "remission", "resolved"})],
    "MedicationStatement": [(("status",), {"active", "completed", "entered-in-error", "intended",
                                           "stopped", "on-hold", "unknown", "not-taken"})],
    "Procedure": [(("status",), {"preparation", "in-progress", "not-done", "on-hold", "stopped",
                                 "completed", "entered-in-error", "unknown"})],
    "FamilyMemberHistory": [(("status",), {"partial", "completed", "entered-in-error", "health-unknown"})],
    "Encounter": [(("status",), {"planned", "arrived", "triaged", "in-progress", "onleave", "finished",
                                 "cancelled", "entered-in-error", "unknown"})],
    "Observation": [(("status",), {"registered", "preliminary", "final", "amended", "corrected",
                                   "cancelled", "entered-in-error", "unknown"})],
    "DiagnosticReport": [(("status",), {"registered", "partial", "preliminary", "final", "amended",
                                        "corrected", "appended", "cancelled", "entered-in-error",
                                        "unknown"})],
}


def values(node, path):
    if not path:
        yield node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in node if isinstance(node, list) else []:
            yield from values(item, rest)
    elif isinstance(node, dict) and head in node:
        yield from values(node[head], rest)


def check(resource, where, errors, expected_type=None):
    if not isinstance(resource, dict) or "resourceType" not in resource:
        errors.append(f"{where}: not a FHIR resource (no resourceType)")
        return
    kind = resource["resourceType"]
    if expected_type and kind != expected_type:
        errors.append(f"{where}: a {kind} in the {expected_type} file")
    try:
        model = get_fhir_model_class(kind)
    except Exception:
        errors.append(f"{where}: unknown resourceType {kind!r}")
        return
    try:
        model.model_validate(resource)
    except Exception as e:
        errors.append(f"{where}: {kind} is invalid: {e}")
        return
    for path, allowed in REQUIRED.get(kind, []):
        for value in values(resource, path):
            if value not in allowed:
                errors.append(f"{where}: {kind}.{'.'.join(p for p in path if p != '*')} "
                              f"{value!r} is not in its required value set")
    if kind == "Bundle":
        for i, entry in enumerate(resource.get("entry", [])):
            check(entry.get("resource"), f"{where} entry {i}", errors)
            rid = (entry.get("resource") or {}).get("id")
            if entry.get("fullUrl", "").startswith("urn:uuid:") and entry["fullUrl"] != f"urn:uuid:{rid}":
                errors.append(f"{where} entry {i}: fullUrl {entry['fullUrl']} does not name id {rid}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(sys.argv[1])
    errors, count = [], 0
    for path in sorted(folder.glob("*.json")):
        count += 1
        try:
            check(json.loads(path.read_text(encoding="utf-8")), path.name, errors)
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}: not JSON: {e}")
    for path in sorted(folder.glob("*.ndjson")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                errors.append(f"{path.name}:{n}: empty line")
                continue
            count += 1
            try:
                check(json.loads(line), f"{path.name}:{n}", errors, expected_type=path.stem)
            except json.JSONDecodeError as e:
                errors.append(f"{path.name}:{n}: not JSON: {e}")
    if count == 0:
        errors.append(f"{folder}: no .json or .ndjson resources found")
    for e in errors:
        print(f"validate-fhir: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"validate-fhir: {count} resources valid (FHIR R4 via fhir.resources R4B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
