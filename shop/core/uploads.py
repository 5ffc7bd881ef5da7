"""Upload checks: an image or a signed PDF is accepted by what it contains, not by its name.

A file's name and the browser's Content-Type are the uploader's claims; the first bytes
(the "magic number") and, for images, a full decode by Pillow are evidence. Sizes are
capped by ``SHOP_UPLOAD_IMAGE_MAX_MB`` and ``SHOP_UPLOAD_PDF_MAX_MB`` (nginx caps the
whole request with ``client_max_body_size`` before Django sees it).

Use them as field validators, on model or form fields alike::

    image = models.ImageField(validators=[validate_image_upload])
    signed_pdf = forms.FileField(validators=[validate_pdf_upload])
"""

import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

IMAGE_EXTENSIONS = {"jpeg": {".jpg", ".jpeg"}, "png": {".png"}, "webp": {".webp"}}
PDF_EXTENSIONS = {".pdf"}
# Pillow's own limit (~179 Mpx) is far above any product photo; a smaller cap refuses
# decompression bombs before they are decoded.
MAX_IMAGE_PIXELS = 40_000_000


def detect_upload_type(file) -> str | None:
    """ "jpeg", "png", "webp" or "pdf" from the file's first bytes; None for anything else."""
    head = _read(file, 0, 16)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def validate_image_upload(file) -> None:
    """Accept a JPEG, PNG or WebP image that decodes, within the size limit."""
    _check_size(file, max_mb=settings.SHOP_UPLOAD_IMAGE_MAX_MB)
    kind = detect_upload_type(file)
    if kind not in IMAGE_EXTENSIONS:
        raise ValidationError(_("The file is not a JPEG, PNG or WebP image."), code="invalid_image_type")
    _check_extension(file, IMAGE_EXTENSIONS[kind])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("The image is too large: %(width)s × %(height)s pixels."),
                        code="image_too_many_pixels",
                        params={"width": width, "height": height},
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is too large: %(width)s × %(height)s pixels."),
            code="image_too_many_pixels",
            params={"width": "?", "height": "?"},
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image is damaged or incomplete and cannot be read."), code="invalid_image"
        ) from None
    finally:
        file.seek(0)


def validate_pdf_upload(file) -> None:
    """Accept a complete PDF document (as a signed PDF is), within the size limit."""
    _check_size(file, max_mb=settings.SHOP_UPLOAD_PDF_MAX_MB)
    if detect_upload_type(file) != "pdf":
        raise ValidationError(_("The file is not a PDF document."), code="invalid_pdf_type")
    _check_extension(file, PDF_EXTENSIONS)
    # A complete PDF (and each incremental update a signature adds) ends with %%EOF.
    size = _size(file)
    if b"%%EOF" not in _read(file, max(0, size - 2048), 2048):
        raise ValidationError(
            _("The PDF document is incomplete: upload the whole file again."), code="incomplete_pdf"
        )
    _check_pdf_parses(file)


def _check_pdf_parses(file) -> None:
    """Open the document with a PDF parser (pypdf): a header and a trailer around
    anything else are not a PDF. Encrypted documents are refused too (nobody could read them)."""
    from pypdf import PdfReader  # imported on use (tests/perf/test_startup_imports.py)
    from pypdf.errors import PyPdfError

    try:
        file.seek(0)
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            raise PyPdfError("encrypted or without pages")
        reader.pages[0].get_contents()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError):
        raise ValidationError(
            _("The PDF document is damaged and cannot be opened."), code="invalid_pdf"
        ) from None
    finally:
        file.seek(0)


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


def _read(file, offset: int, length: int) -> bytes:
    file.seek(offset)
    data = file.read(length)
    file.seek(0)
    return data or b""


def _check_size(file, *, max_mb: int) -> None:
    if _size(file) > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large: the limit is %(max_mb)s MB."),
            code="file_too_large",
            params={"max_mb": max_mb},
        )
    if _size(file) == 0:
        raise ValidationError(_("The file is empty."), code="empty_file")


def _check_extension(file, allowed: set[str]) -> None:
    extension = os.path.splitext(getattr(file, "name", "") or "")[1].lower()
    if extension not in allowed:
        raise ValidationError(
            _("The file name must end with %(extensions)s, as its content does."),
            code="extension_mismatch",
            params={"extensions": ", ".join(sorted(allowed))},
        )
