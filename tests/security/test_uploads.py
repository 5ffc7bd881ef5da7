"""Images and signed PDFs are accepted by their content and size, never by their name."""

import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop.core.uploads import detect_upload_type, validate_image_upload, validate_pdf_upload
from tests.factories import pdf_bytes

PDF = pdf_bytes()


def _png(size=(20, 20), noise=False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 80, 40))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _code(validator, upload) -> str:
    with pytest.raises(ValidationError) as error:
        validator(upload)
    return error.value.code


def test_real_pdf_is_accepted():
    validate_pdf_upload(SimpleUploadedFile("carta-firmata.pdf", PDF))


def test_text_file_named_pdf_is_refused():
    fake = SimpleUploadedFile(
        "carta-firmata.pdf", b"Questo non e' un PDF\n%%EOF", content_type="application/pdf"
    )
    assert _code(validate_pdf_upload, fake) == "invalid_pdf_type"


def test_image_named_pdf_is_refused():
    assert _code(validate_pdf_upload, SimpleUploadedFile("firma.pdf", _png())) == "invalid_pdf_type"


def test_truncated_pdf_is_refused():
    assert _code(validate_pdf_upload, SimpleUploadedFile("firma.pdf", PDF[:40])) == "incomplete_pdf"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\nanything at all in between\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
    ],
)
def test_header_and_trailer_around_anything_else_is_refused(content):
    assert _code(validate_pdf_upload, SimpleUploadedFile("ricevuta.pdf", content)) == "invalid_pdf"


def test_pdf_over_the_limit_is_refused(settings):
    settings.SHOP_UPLOAD_PDF_MAX_MB = 1
    big = PDF[:-7] + b" " * (1024 * 1024) + b"%%EOF\n"
    assert _code(validate_pdf_upload, SimpleUploadedFile("firma.pdf", big)) == "file_too_large"


def test_empty_file_is_refused():
    assert _code(validate_pdf_upload, SimpleUploadedFile("firma.pdf", b"")) == "empty_file"


@pytest.mark.parametrize(
    ("name", "content"), [("foto.png", _png()), ("foto.jpg", _jpeg()), ("foto.JPEG", _jpeg())]
)
def test_real_images_are_accepted(name, content):
    validate_image_upload(SimpleUploadedFile(name, content))


def test_oversize_image_is_refused(settings):
    settings.SHOP_UPLOAD_IMAGE_MAX_MB = 1
    content = _png(size=(800, 800), noise=True)
    assert len(content) > 1024 * 1024
    assert _code(validate_image_upload, SimpleUploadedFile("foto.png", content)) == "file_too_large"


def test_pdf_named_png_is_refused():
    assert _code(validate_image_upload, SimpleUploadedFile("foto.png", PDF)) == "invalid_image_type"


def test_png_named_jpg_is_refused():
    assert _code(validate_image_upload, SimpleUploadedFile("foto.jpg", _png())) == "extension_mismatch"


def test_damaged_image_is_refused():
    damaged = _png()[:30] + b"\x00" * 50
    assert _code(validate_image_upload, SimpleUploadedFile("foto.png", damaged)) == "invalid_image"


def _claiming(content: bytes, width: int, height: int) -> bytes:
    """The same PNG with a header claiming another size (CRC fixed up)."""
    ihdr = b"IHDR" + struct.pack(">II", width, height) + content[24:29]
    return content[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + content[33:]


@pytest.mark.parametrize(("width", "height"), [(8_000, 8_000), (20_000, 20_000)])
def test_decompression_bomb_is_refused(width, height):
    content = _claiming(_png(), width, height)
    assert len(content) < 1024
    assert _code(validate_image_upload, SimpleUploadedFile("foto.png", content)) == "image_too_many_pixels"


def test_validators_leave_the_file_ready_to_be_saved():
    upload = SimpleUploadedFile("foto.png", _png())
    validate_image_upload(upload)
    assert upload.read(8) == b"\x89PNG\r\n\x1a\n"


def test_messages_are_italian():
    from django.utils import translation

    with translation.override("it"), pytest.raises(ValidationError) as error:
        validate_pdf_upload(SimpleUploadedFile("x.pdf", b"ciao"))
    assert error.value.messages == ["Il file non è un documento PDF."]


def test_type_is_detected_from_content():
    assert detect_upload_type(SimpleUploadedFile("x.bin", _jpeg())) == "jpeg"
    assert detect_upload_type(SimpleUploadedFile("x.bin", PDF)) == "pdf"
    assert detect_upload_type(SimpleUploadedFile("x.exe", b"MZ\x90\x00")) is None
