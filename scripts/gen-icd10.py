#!/usr/bin/env python3
"""Generate crates/clinic-domain/src/icd10/icd10cm.tsv.gz from the ICD-10-CM tabular list.

Source: the CMS/CDC ICD-10-CM tabular list (public domain), as shipped inside the PyPI package
simple-icd-10-cm (MIT, which bundles the unmodified CMS XML). See docs/DATA-SOURCES.md.

    pip download --no-deps simple-icd-10-cm==1.5.0 -d /tmp/icd && unzip /tmp/icd/*.whl -d /tmp/icd/x
    PYTHONPATH=/tmp/icd/x python3 scripts/gen-icd10.py

Output: one line per billable (leaf) code, `CODE<TAB>title`, codes with their dot (J06.9), sorted,
gzip-compressed with a fixed mtime so the file is reproducible.
"""
import gzip
import io
import os

import simple_icd_10_cm as cm

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "clinic-domain", "src", "icd10", "icd10cm.tsv.gz")

rows = []
for code in cm.get_all_codes(False):
    if not cm.is_leaf(code) or "-" in code:
        continue
    dotted = cm.add_dot(code)
    title = " ".join(cm.get_description(code).split())
    rows.append(f"{dotted}\t{title}\n")
rows.sort()
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
    gz.write("".join(rows).encode("utf-8"))
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "wb") as f:
    f.write(buf.getvalue())
print(f"{len(rows)} codes, {len(buf.getvalue())} bytes -> {OUT}")
