"""Users, their roles in schools and territories, and parents' links to their children."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .identity_numbers import validate_iin
from .roles import Role, Scope, scope_of

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{10,20}$",
    _("Enter a phone number such as +7 701 234 56 78."),
    code="invalid_phone",
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """One account for the whole platform: it works on every school site."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    iin = models.CharField(
        _("IIN"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_iin],
        help_text=_("Individual identification number, 12 digits."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="kk"
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # An empty IIN is stored as NULL so that the unique constraint allows many of them.
        self.iin = self.iin or None
        self.email = (self.email or "").lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class RoleAssignmentQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def school_ids_for(self, user, roles=None):
        qs = self.filter(user=user, school__isnull=False)
        if roles is not None:
            qs = qs.filter(role__in=roles)
        return qs.values_list("school_id", flat=True)


class RoleAssignment(models.Model):
    """A user holds a role in a scope: the platform, a region, a district or a school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    school = models.ForeignKey(
        "mektep_schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("school"),
    )
    region = models.ForeignKey(
        "mektep_schools.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    district = models.ForeignKey(
        "mektep_schools.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("district"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "school", "region", "district"],
                name="unique_role_assignment",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["school", "role"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.scope_object or _('platform')})"

    @property
    def scope(self):
        return scope_of(self.role)

    @property
    def scope_object(self):
        return self.school or self.district or self.region

    def clean(self):
        expected = {
            Scope.PLATFORM: (),
            Scope.REGION: ("region",),
            Scope.DISTRICT: ("district",),
            Scope.SCHOOL: ("school",),
        }[self.scope]
        for field in ("school", "region", "district"):
            has_value = getattr(self, f"{field}_id") is not None
            if field in expected and not has_value:
                raise ValidationError(
                    {
                        field: _("The role “%(role)s” is held in a %(scope)s: choose one.")
                        % {"role": self.get_role_display(), "scope": Scope(self.scope).label}
                    }
                )
            if field not in expected and has_value:
                raise ValidationError(
                    {
                        field: _("The role “%(role)s” is not held in this kind of scope.")
                        % {"role": self.get_role_display()}
                    }
                )


class GuardianLink(models.Model):
    """A parent or legal representative linked to a child who is a student."""

    class Relation(models.TextChoices):
        MOTHER = "mother", _("mother")
        FATHER = "father", _("father")
        GUARDIAN = "guardian", _("legal representative")

    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="children_links",
        verbose_name=_("parent"),
    )
    child = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guardian_links",
        verbose_name=_("child"),
    )
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, default=Relation.GUARDIAN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("parent–child link")
        verbose_name_plural = _("parent–child links")
        constraints = [
            models.UniqueConstraint(fields=["guardian", "child"], name="unique_guardian_child"),
            models.CheckConstraint(
                condition=~Q(guardian=models.F("child")), name="guardian_is_not_child"
            ),
        ]

    def __str__(self):
        return f"{self.guardian} → {self.child}"

    def clean(self):
        if self.guardian_id and self.guardian_id == self.child_id:
            raise ValidationError(_("A person cannot be their own parent."))
