"""Translations made outside wagtail-localize, brought under it.

School home pages (provisioning) and the demo's pages get their ru/en versions from Wagtail's
`copy_for_translation`, with text written for each language. Without a wagtail-localize
source behind them, an editor who opens such a page sees a plain page, not the synced
translation editor, and a change to the kk source never reaches it. `adopt_translation`
records the kk page as a TranslationSource, the ru/en page as its Translation, and the
page's present text as that translation's strings, so wagtail-localize's editor shows every
string translated and its "sync" keeps them."""

from collections import defaultdict

from django.db import transaction

from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


def _strings_by_path(instance):
    strings = defaultdict(list)
    ordered = []
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
            ordered.append(segment.string.data)
    return strings, ordered


@transaction.atomic
def adopt_translation(source, target, user=None):
    """Make `target` (a translation of `source`, same translation_key) wagtail-localize's
    translation of it, keeping the target's text. Returns the Translation; running it again
    changes nothing."""
    if source.translation_key != target.translation_key:
        raise ValueError(f"{target!r} is not a translation of {source!r}")
    translation_source, _ = TranslationSource.update_or_create_from_instance(source)
    translation, _ = Translation.objects.get_or_create(
        source=translation_source, target_locale=target.locale, defaults={"enabled": True}
    )
    target_by_path, target_ordered = _strings_by_path(target.specific)
    po = translation.export_po()
    entries = [entry for entry in po if not entry.obsolete]
    # The same StreamField blocks (copy_for_translation keeps block ids) pair by path; a
    # body rewritten with new blocks pairs by position when its shape is the same.
    by_position = len(entries) == len(target_ordered)
    taken = defaultdict(int)
    for index, entry in enumerate(entries):
        candidates = target_by_path.get(entry.msgctxt, [])
        if taken[entry.msgctxt] < len(candidates):
            entry.msgstr = candidates[taken[entry.msgctxt]]
            taken[entry.msgctxt] += 1
        elif by_position:
            entry.msgstr = target_ordered[index]
    translation.import_po(po, user=user)
    return translation


def translate_page(page, fields_for, languages=("ru", "en")):
    """Make the page's live translation in each of `languages` once, with the fields that
    `fields_for(language_code)` gives (the demo's content is written for each language)."""
    from wagtail.models import Locale

    for code in languages:
        locale = Locale.objects.get(language_code=code)
        if page.get_translation_or_none(locale) is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
            for name, value in fields_for(code).items():
                setattr(translation, name, value)
            translation.save_revision().publish()


def adopt_site_translations(root_page, user=None):
    """Adopt every ru/en page of a site whose kk source exists (the demo, an import)."""
    from django.conf import settings

    from wagtail.models import Page

    default = settings.LANGUAGE_CODE
    adopted = 0
    tree = Page.objects.descendant_of(root_page, inclusive=True)
    sources = {page.translation_key: page for page in tree.filter(locale__language_code=default)}
    for source in sources.values():
        for target in Page.objects.filter(translation_key=source.translation_key).exclude(
            locale__language_code=default
        ):
            adopt_translation(source.specific, target.specific, user=user)
            adopted += 1
    return adopted
