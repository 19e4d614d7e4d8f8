import factory

from .models import RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    first_name = factory.Faker("first_name", locale="ru_RU")
    last_name = factory.Faker("last_name", locale="ru_RU")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        password = extracted or "Secret-pass-123"
        if obj.has_usable_password() and obj.check_password(password):
            return  # get_or_create found the user as it was: leave it unchanged
        obj.set_password(password)
        if create:
            obj.save(update_fields=["password"])


def assign_role(user, role, **scope):
    return RoleAssignment.objects.get_or_create(user=user, role=role, **scope)[0]
