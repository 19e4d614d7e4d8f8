"""Password rules with the platform's own messages, so that they read well in kk, ru and en.

Django's validators do the checking; these subclasses only replace the texts (Django's
Kazakh catalogue lacks them) and add an upper bound: hashing a 10,000-character password
with PBKDF2 costs real CPU, so very long input is refused with a message before hashing."""

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_PASSWORD_LENGTH = 4096


class MaximumLengthValidator:
    def __init__(self, max_length=MAX_PASSWORD_LENGTH):
        self.max_length = max_length

    def validate(self, password, user=None):
        if password is not None and len(password) > self.max_length:
            raise ValidationError(self.get_error_message(), code="password_too_long")

    def get_error_message(self):
        return ngettext(
            "This password is too long: use at most %(max_length)d character.",
            "This password is too long: use at most %(max_length)d characters.",
            self.max_length,
        ) % {"max_length": self.max_length}

    def get_help_text(self):
        return self.get_error_message()


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        )  # Django's validate() fills %(min_length)d from its params

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password is too similar to your %(verbose_name)s.")

    def get_help_text(self):
        return _("Your password cannot be too similar to your other personal information.")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is one of the most common passwords: choose another.")

    def get_help_text(self):
        return _("Your password cannot be a commonly used password.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password is entirely numeric: add letters or symbols.")

    def get_help_text(self):
        return _("Your password cannot be entirely numeric.")
