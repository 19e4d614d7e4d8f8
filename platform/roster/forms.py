from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.identity_numbers import validate_iin

from .models import Guardianship


class LinkChildForm(forms.Form):
    """A parent asks to be linked to their child: the child's IIN and the one-time code the
    school gave them."""

    iin = forms.CharField(
        label=_("Child's IIN"), max_length=12, min_length=12, validators=[validate_iin]
    )
    code = forms.CharField(
        label=_("Code from the school"),
        max_length=20,
        help_text=_("The school's class teacher or secretary gives it to you on paper."),
    )
    relation = forms.ChoiceField(label=_("You are the child's"), choices=Guardianship.Relation)
