"""Base forms of Wagtail's image and document uploads (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE): the content check and the site's disk quota apply to every
upload through the admin, the choosers and the multiple uploader. The quota is reserved
(security.quota.reserve) when the file is valid and given back if the form fails anyway;
a deleted image or document gives its bytes back (security.signals)."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from PIL import Image

from .quota import release, reserve, site_for_collection
from .uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload


class _UploadChecks:
    allowed_kinds = ()
    _reserved = None  # (site, bytes) reserved by clean()

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            try:
                validate_upload(upload, self.allowed_kinds)
                collection = cleaned_data.get("collection")
                if collection is None and len(self.collections) == 1:
                    collection = self.collections[0]  # the field is hidden: save() uses it
                if collection is None and self.instance.collection_id:
                    collection = self.instance.collection
                site = site_for_collection(collection)
                # A replaced file gives its own bytes back: reserve only the difference.
                previous = self.instance.file_size if self.instance.pk else 0
                growth = upload.size - (previous or 0)
                reserve(site, growth)
                self._reserved = (site, growth)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        if self._reserved and self._errors:
            # Another field failed: nothing will be stored, so nothing stays reserved.
            release(*self._reserved)
            self._reserved = None
        elif self._reserved and self._reserved[1] < 0:
            release(self._reserved[0], -self._reserved[1])
            self._reserved = None


class SafeImageForm(_UploadChecks, BaseImageForm):
    allowed_kinds = IMAGE_KINDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].to_python = _refusing_bombs(
                self.fields["file"].to_python, self.allowed_kinds
            )


def _refusing_bombs(to_python, allowed_kinds):
    """Wagtail's image field opens the upload (its pixel check) before clean() runs, and
    Pillow raises DecompressionBombError for a huge image (a 30000x30000 PNG: a 500, issue
    24). Such an image gets validate_upload's translated "too large" message instead."""

    def checked(data):
        try:
            return to_python(data)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            validate_upload(data, allowed_kinds)  # raises the translated pixel-limit message
            message = _("The file is damaged: it cannot be opened as an image.")
            raise ValidationError(message) from error

    return checked


class SafeDocumentForm(_UploadChecks, BaseDocumentForm):
    allowed_kinds = DOCUMENT_KINDS
