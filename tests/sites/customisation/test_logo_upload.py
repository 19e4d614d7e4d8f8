"""A logo that is not an image is refused with a clear message in the admin's language, in
both places a school admin uploads one: the image chooser of Settings → logo and favicon, and
Images → Add an image. Nothing is stored."""

import json

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.images import get_image_model

import pytest

from tests.conftest import ADMIN_HOST

HOST_A = "school-a.localhost"
NOT_AN_IMAGE = b"%PDF-1.4\nthis is a document, not a picture\n"


def _in_kazakh(message):
    """The message as the admin (kk, the platform default) reads it; checked to differ from
    English so that a missing translation fails here."""
    with translation.override("kk"):
        kazakh = str(message)
    with translation.override("en"):
        assert kazakh != str(message)
    return escape(kazakh)


@pytest.mark.parametrize(
    "where,filename",
    [("chooser", "logo.png"), ("images", "logo.pdf")],
)
def test_logo_that_is_not_an_image_is_refused(client, admin_a, school_a, where, filename):
    client.force_login(admin_a)
    upload = SimpleUploadedFile(filename, NOT_AN_IMAGE, content_type="application/octet-stream")
    if where == "chooser":
        response = client.post(
            reverse("wagtailimages_chooser:create"),
            {"image-chooser-upload-title": "Logo", "image-chooser-upload-file": upload},
            HTTP_HOST=ADMIN_HOST,
        )
        answer = json.loads(response.content)
        assert answer["step"] == "reshow_creation_form"
        html = answer["htmlFragment"]
    else:
        response = client.post(
            reverse("wagtailimages:add"), {"title": "Logo", "file": upload}, HTTP_HOST=ADMIN_HOST
        )
        html = response.content.decode()
    assert response.status_code == 200
    assert _in_kazakh(forms.ImageField.default_error_messages["invalid_image"]) in html
    assert 'class="error-message"' in html
    assert not get_image_model().objects.filter(title="Logo").exists()
