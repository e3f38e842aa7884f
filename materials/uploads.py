"""Checking a speaker's uploaded slides: by size, by content, and by the
host's scanner.

The type is read from the file's first bytes, never from its name or the
browser's word: a PDF starts with ``%PDF-``; PowerPoint (.pptx), Keynote
(.key) and OpenDocument (.odp) files are zip containers whose entries say
which. Anything else (SVG, HTML, scripts, renamed or not) is refused. The
file is stored under the extension its content gave.

``RECAP_UPLOAD_SCANNER`` names a callable (``"dotted.path"``) that is given
each accepted file (a Django ``UploadedFile``) and raises
``django.core.exceptions.ValidationError`` to refuse it (a virus scanner's
verdict, say).
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


def max_upload_bytes():
    return int(getattr(settings, "RECAP_SPEAKER_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _zip_kind(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODP_MIMETYPE:
                return "odp"
            if "[Content_Types].xml" in names and any(n.startswith("ppt/") for n in names):
                return "pptx"
            if any(n.startswith("Index/") or n == "index.apxl" for n in names):
                return "key"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def detect_kind(upload):
    """ "pdf", "pptx", "key" or "odp" from the file's content, else None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def check_upload(upload):
    """Raise ValidationError unless `upload` is slides Recap accepts; rename
    it with the extension its content gave."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large: the limit is %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            _("Send slides as a PDF, PowerPoint (.pptx), Keynote or OpenDocument (.odp) file.")
        )
    scanner = getattr(settings, "RECAP_UPLOAD_SCANNER", None)
    if scanner:
        import_string(scanner)(upload)
        upload.seek(0)
    stem = slugify(os.path.splitext(os.path.basename(upload.name or ""))[0])[:80] or "slides"
    upload.name = f"{stem}.{kind}"
    return kind
