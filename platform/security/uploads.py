"""Upload checks by content, not by name: a validator every upload of the platform uses.

    from security.uploads import validate_upload
    kind = validate_upload(uploaded_file, {"image", "pdf"})   # raises ValidationError

It refuses: a file whose content is not one of the allowed kinds (or does not match its
extension), executables, images bigger than the pixel limit (decompression bombs), images
that also carry HTML or script (polyglots), SVG with script, and ZIP-based files (office
documents, archives) that would expand beyond the limits (zip bombs). Every message is
translated and says what to do."""

import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import filetype
from PIL import Image

# Extensions of each kind the platform accepts. The detected content must belong to the
# kind too, and match the file's extension.
KINDS = {
    "image": {"jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "bmp", "tif", "tiff", "ico"},
    "svg": {"svg"},
    "pdf": {"pdf"},
    "office": {"docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "rtf"},
    "archive": {"zip"},
    "text": {"txt", "csv"},
    "video": {"mp4", "m4v", "webm", "ogv", "mov"},
    "audio": {"mp3", "ogg", "oga", "wav", "m4a"},
}
# Which detected types (filetype's extension names, or our own for what it does not know)
# may stand behind an extension.
EQUIVALENT = {
    "jpeg": {"jpg"},
    "tif": {"tif"},
    "tiff": {"tif"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "doc": {"ole"},
    "xls": {"ole"},
    "ppt": {"ole"},
    "m4v": {"mp4", "m4v"},
    "mov": {"mov", "mp4"},
    "m4a": {"m4a", "mp4"},
    "oga": {"ogg", "oga"},
    "ogv": {"ogg", "ogv", "webm"},
    "webm": {"webm", "mkv"},
    "mp3": {"mp3"},
}
ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}

# Markers of markup that a browser would run if it sniffed the file as HTML.
HTML_MARKERS = re.compile(
    rb"<\s*(script|html|body|iframe|object|embed|svg|meta|link|form|img\s[^>]*on\w+)|"
    rb"javascript:",
    re.IGNORECASE,
)
SVG_ACTIVE_CONTENT = re.compile(
    rb"<\s*script|\son\w+\s*=|javascript:|<\s*foreignObject|<\s*iframe|<\s*embed|"
    rb"<\s*object|xlink:href\s*=\s*[\"']\s*(?!#)|<!ENTITY",
    re.IGNORECASE,
)

CHUNK = 1024 * 1024


def _limit(name, default):
    return getattr(settings, name, default)


def _read_all(file, max_bytes):
    file.seek(0)
    data = file.read(max_bytes + 1)
    file.seek(0)
    return data


def _extension(name):
    return Path(name or "").suffix.lower().lstrip(".")


def _detect(head):
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return None


def _looks_like_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "cp1251"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _is_svg(data):
    start = data[:2048].lstrip().lower()
    return (start.startswith(b"<?xml") or start.startswith(b"<svg")) and b"<svg" in data[:4096]


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _check_zip(file, extension):
    max_total = _limit("SECURITY_ZIP_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024)
    max_ratio = _limit("SECURITY_ZIP_MAX_RATIO", 100)
    max_entries = _limit("SECURITY_ZIP_MAX_ENTRIES", 10000)
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("The file is damaged: it cannot be opened as a document."), "damaged")
    finally:
        file.seek(0)
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if len(infos) > max_entries or total > max_total or total / compressed > max_ratio:
        _refuse(
            _(
                "The file expands to far more data than its size (a “zip bomb”) and was "
                "refused. Save the document again or send it in another format."
            ),
            "zip_bomb",
        )
    _check_no_nested_archive(file, infos, office=extension != "zip")


# Archives by name, and by content whatever the name (filetype's names).
ARCHIVE_EXTENSIONS = {
    "zip", "jar", "rar", "7z", "gz", "tgz", "bz2", "tbz", "xz", "txz", "tar", "zst", "lz",
    "lzma", "z", "cab", "arj", "iso", "apk", "war", "ear", "cpio", "ar", "deb", "rpm",
}  # fmt: skip
ARCHIVE_TYPES = {"zip", "rar", "7z", "gz", "bz2", "xz", "tar", "zst", "lz", "lzma", "Z", "cab",
                 "ar", "deb", "rpm", "cpio", "arj", "iso", "br", "lz4", "jar", "apk"}  # fmt: skip
OFFICE_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "xlsm", "docm", "pptm"}
ENTRY_HEAD = 262  # what filetype reads to recognise a type


def _check_no_nested_archive(file, infos, office):
    """Refuse an archive that holds another archive (named so or recognised by content):
    its contents escape every check here. Office documents may embed other office
    documents (a spreadsheet in a letter, under `embeddings/`): those are checked as
    documents themselves, one level deep, and may hold no archive."""
    refusal = _(
        "Archives inside archives are not accepted. Unpack the inner archive and upload "
        "its files, or put them all in one archive."
    )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            for info in infos:
                if info.is_dir():
                    continue
                name = info.filename.lower()
                with archive.open(info) as member:
                    head = member.read(ENTRY_HEAD)
                detected = filetype.guess_extension(head) if head else None
                is_archive = _extension(name) in ARCHIVE_EXTENSIONS or detected in ARCHIVE_TYPES
                if not is_archive:
                    continue
                embedded_office = (
                    office
                    and "embeddings/" in name
                    and _extension(name) in OFFICE_EXTENSIONS
                    and detected == "zip"
                )
                if not embedded_office:
                    _refuse(refusal, "nested_archive")
                with archive.open(info) as member:
                    inner = io.BytesIO(
                        member.read(
                            _limit("SECURITY_ZIP_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024) + 1
                        )
                    )
                _check_embedded_office(inner, refusal)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        _refuse(_("The file is damaged: it cannot be opened as a document."), "damaged")
    finally:
        file.seek(0)


def _check_embedded_office(inner, refusal):
    try:
        with zipfile.ZipFile(inner) as embedded:
            infos = embedded.infolist()
            total = sum(info.file_size for info in infos)
            compressed = sum(info.compress_size for info in infos) or 1
            if total / compressed > _limit("SECURITY_ZIP_MAX_RATIO", 100):
                _refuse(refusal, "nested_archive")
            for info in infos:
                if info.is_dir():
                    continue
                with embedded.open(info) as member:
                    head = member.read(ENTRY_HEAD)
                detected = filetype.guess_extension(head) if head else None
                if _extension(info.filename) in ARCHIVE_EXTENSIONS or detected in ARCHIVE_TYPES:
                    _refuse(refusal, "nested_archive")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        _refuse(refusal, "nested_archive")


def _check_image(file, data):
    max_pixels = _limit("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 64_000_000)
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width = height = None
    except Exception:
        _refuse(_("The file is damaged: it cannot be opened as an image."), "damaged")
    finally:
        file.seek(0)
    if width is None or width * height > max_pixels:
        _refuse(
            _(
                "The image is too large: at most %(megapixels)d megapixels are accepted. "
                "Reduce its dimensions and upload it again."
            )
            % {"megapixels": max_pixels // 1_000_000},
            "too_many_pixels",
        )
    if HTML_MARKERS.search(data):
        _refuse(
            _(
                "The image also contains web page code (HTML or script) and was refused. "
                "Open it in an image editor and save it again."
            ),
            "polyglot",
        )


def validate_upload(file, allowed_kinds):
    """Check an uploaded file (Django File/UploadedFile) against the allowed kinds (keys of
    KINDS). Returns the detected type (an extension name); raises ValidationError."""
    max_scan = _limit("SECURITY_UPLOAD_SCAN_BYTES", 64 * 1024 * 1024)
    data = _read_all(file, max_scan)
    extension = _extension(getattr(file, "name", ""))
    allowed_extensions = set().union(*(KINDS[kind] for kind in allowed_kinds))
    if extension not in allowed_extensions:
        _refuse(
            _("Files of this type are not accepted here. Accepted: %(extensions)s.")
            % {"extensions": ", ".join(sorted(allowed_extensions))},
            "extension",
        )
    detected = _detect(data[:8192])

    if detected in {"exe", "elf", "dll", "msi", "macho", "dex", "sh"}:
        _refuse(_("Programs cannot be uploaded."), "executable")

    if extension == "svg":
        if not _is_svg(data):
            _refuse(_("The file is not an SVG image."), "mismatch")
        if SVG_ACTIVE_CONTENT.search(data):
            _refuse(
                _(
                    "The SVG image contains script or links to other resources and was "
                    "refused. Export it again without scripts, or upload a PNG."
                ),
                "svg_script",
            )
        return "svg"

    if extension in KINDS["text"]:
        if detected is not None or not _looks_like_text(data):
            _refuse(_("The file is not plain text."), "mismatch")
        if HTML_MARKERS.search(data):
            _refuse(_("Text files with web page code (HTML or script) are refused."), "html")
        return extension

    expected = EQUIVALENT.get(extension, {extension})
    if detected not in expected:
        _refuse(
            _(
                "The file's content does not match its name (.%(extension)s). Save it "
                "again in the right format and upload it again."
            )
            % {"extension": extension},
            "mismatch",
        )
    if extension in ZIP_BASED:
        _check_zip(file, extension)
    if extension in KINDS["image"]:
        _check_image(file, data)
    return detected


IMAGE_KINDS = ("image",)
DOCUMENT_KINDS = ("pdf", "office", "archive", "text", "image", "video", "audio")
