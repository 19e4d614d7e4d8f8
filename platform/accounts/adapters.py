"""allauth adapter: new accounts keep the language they signed up in."""

from django.utils.translation import get_language

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = (get_language() or "kk")[:2]
        if commit:
            user.save()
        return user
