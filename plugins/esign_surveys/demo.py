"""Demo content: per school, a parents' questionnaire that may be signed with EDS and a
canteen poll; the plugin is switched on for the demo schools. Idempotent."""

from schools.models import SchoolSiteSettings

from .models import Survey

CHOICES = [
    {"value": "yes", "label_kk": "Иә", "label_ru": "Да", "label_en": "Yes"},
    {"value": "partly", "label_kk": "Ішінара", "label_ru": "Частично", "label_en": "Partly"},
    {"value": "no", "label_kk": "Жоқ", "label_ru": "Нет", "label_en": "No"},
]


def _question(kind, key, kk, ru, en, **extra):
    value = {
        "key": key,
        "text_kk": kk,
        "text_ru": ru,
        "text_en": en,
        "required": extra.pop("required", True),
        "show_if_key": extra.pop("show_if_key", ""),
        "show_if_value": extra.pop("show_if_value", ""),
    }
    value.update(extra)
    return (kind, value)


def populate(school, rng):
    site = school.site
    settings = SchoolSiteSettings.for_site(site)
    if not settings.plugin_states.get("esign_surveys"):
        settings.plugin_states = {**settings.plugin_states, "esign_surveys": True}
        settings.save()
    if not Survey.objects.filter(site=site, slug="parents").exists():
        survey = Survey(
            site=site,
            slug="parents",
            title_kk="Ата-аналар сауалнамасы",
            title_ru="Анкета для родителей",
            title_en="Parents' questionnaire",
            signing=Survey.Signing.OPTIONAL,
        )
        survey.questions = [
            _question(
                "single_choice",
                "satisfied",
                "Мектептің жұмысына көңіліңіз тола ма?",
                "Довольны ли вы работой школы?",
                "Are you satisfied with the school?",
                choices=CHOICES,
            ),
            _question(
                "scale", "safety", "Қауіпсіздік", "Безопасность", "Safety", minimum=1, maximum=5
            ),
            _question(
                "text",
                "why",
                "Не жақсартуға болады?",
                "Что можно улучшить?",
                "What could be improved?",
                show_if_key="satisfied",
                show_if_value="no",
            ),
        ]
        survey.full_clean()
        survey.save()
    if not Survey.objects.filter(site=site, slug="canteen").exists():
        poll = Survey(
            site=site,
            slug="canteen",
            kind=Survey.Kind.POLL,
            title_kk="Асхана",
            title_ru="Столовая",
            title_en="Canteen",
        )
        poll.questions = [
            _question(
                "single_choice",
                "menu",
                "Асхана мәзірі ұнай ма?",
                "Нравится ли меню столовой?",
                "Do you like the canteen menu?",
                choices=CHOICES,
            )
        ]
        poll.full_clean()
        poll.save()
