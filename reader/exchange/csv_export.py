"""CSV export: one row per segment, UTF-8 with a BOM so spreadsheets detect the encoding."""
from __future__ import annotations

import csv
import io

from reader.exchange.model import BilingualDocument

COLUMNS = ("document", "segment", "paragraph", "status", "arabic", "english")


def write_csv(docs: list[BilingualDocument]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for doc in docs:
        for u in doc.units:
            # Numbered as the window numbers them (from 1): a spreadsheet is read by a person.
            writer.writerow((doc.doc_id, u.index + 1, u.paragraph + 1, u.status, u.source, u.target or ""))
    return out.getvalue().encode("utf-8-sig")
