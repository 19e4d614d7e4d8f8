"""Base forms of Wagtail's image and document uploads (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE): the content check and the site's disk quota apply to every
upload through the admin, the choosers and the multiple uploader."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .quota import check_quota, site_for_collection
from .uploads import DOCUMENT_KINDS, IMAGE_KINDS, validate_upload


class _UploadChecks:
    allowed_kinds = ()

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
                check_quota(site_for_collection(collection), upload.size)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned_data


class SafeImageForm(_UploadChecks, BaseImageForm):
    allowed_kinds = IMAGE_KINDS


class SafeDocumentForm(_UploadChecks, BaseDocumentForm):
    allowed_kinds = DOCUMENT_KINDS
