"""Identity of a receipt, so that the same receipt is reimbursed once however it is written.

A receipt is the same when its supplier, number and date are (``receipt_keys``), or when
the file uploaded is byte for byte the same (``receipt_file_sha256``):

* supplier: a partita IVA is compacted by python-stdnum (``IT 007 431 10157`` and
  ``00743110157`` are one number), a codice fiscale likewise;
* number: upper case, split at every space or separator and between letters and digits,
  each part without leading zeros, parts joined by ``-`` (``2026 / 0042``, ``2026/42`` and
  ``2026-042`` are ``2026-42``; ``FT0042`` and ``ft 42`` are ``FT-42``); parts stay apart
  so ``20264/2`` is not ``2026/42``.
"""

import hashlib
import re

from stdnum.it import codicefiscale, iva

_PARTS = re.compile(r"[0-9]+|[A-Z]+", re.ASCII)


def supplier_key(tax_code: str) -> str:
    """The supplier's partita IVA or codice fiscale as one canonical string."""
    # Dots, slashes and other punctuation too, not only the spaces and dashes stdnum drops.
    value = re.sub(r"[^0-9A-Z]", "", (tax_code or "").upper(), flags=re.ASCII)
    if iva.is_valid(value):
        return iva.compact(value)
    return codicefiscale.compact(value)


def receipt_number_key(number: str) -> str:
    """The receipt number without spaces, separators and leading zeros of each part."""
    parts = _PARTS.findall((number or "").upper())
    return "-".join(part.lstrip("0") or "0" for part in parts)


def receipt_file_sha256(file) -> str:
    """SHA-256 of an uploaded file's content (the file is read in chunks and rewound)."""
    digest = hashlib.sha256()
    if hasattr(file, "seek"):
        file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b""):
        digest.update(chunk)
    if hasattr(file, "seek"):
        file.seek(0)
    return digest.hexdigest()
