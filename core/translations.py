"""One record per person (or resource) across languages, read in the reader's.

Speakers and resources are Wagtail translatable snippets (``TranslatableMixin``),
under one rule that keeps a person one record:

- **The canonical record** is the one in the site's default locale. Every
  relation points at it: session and write-up speakers, resource links,
  merges, agendas, API ids, .ics UIDs, URLs. Lists (the directory, search,
  sitemaps, the resource library) show canonical records only, so each
  person is listed once.
- **A translation** (same ``translation_key``, another locale) only carries
  the translated text, the model's ``translated_fields`` (a speaker's bio and
  job title, a resource's title and note). Nothing links to it.

Readers see that text in the active language: a view annotates the query
that loads the records it shows (:func:`annotate_translations`, subqueries
keyed by translation key and the active locale: no extra query) and hands the
records to :func:`show_translations`, which puts the translated text on them,
in memory (records that come another way cost one query per model, for all of
them). Never ``.localized`` per object in a loop. In the default language
neither does anything.
"""

from collections import defaultdict
from functools import cache

from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Locale, Page, TranslatableMixin

from .locales import language_code_of
from .versioning import cached


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def default_language():
    """The language code of the site's default locale."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def default_locale_q(prefix="language_code"):
    """A filter (no query of its own) for the host's default Locale, whatever
    language code it was saved with: the default language's own, or one
    that Wagtail maps to it (`get_supported_content_language_variant`) and
    that is no content language itself.

    A host saves its first Locale from the LANGUAGE_CODE it had then (`en`
    for wagtail start's `en-us`), and may later list a regional variant
    (`en-gb`) in WAGTAIL_CONTENT_LANGUAGES: the records are still in the
    saved locale. `prefix` is the lookup that reaches the language code
    (``"locale__language_code"`` from a snippet).
    """
    default = default_language()
    content = [code.lower() for code in get_content_languages()]
    generic = default.split("-")[0]
    regional = [code for code in content if code.startswith(f"{generic}-")]
    q = Q(**{f"{prefix}__iexact": default})
    # Codes Wagtail maps to `default`: its regional codes when `default` is
    # generic; the generic one and its regional codes when `default` is the
    # first regional variant listed and the generic code is not listed.
    if default == generic or (generic not in content and regional[:1] == [default.lower()]):
        others = [code for code in content if code != default.lower()]
        q |= (
            Q(**{f"{prefix}__iexact": generic}) | Q(**{f"{prefix}__istartswith": f"{generic}-"})
        ) & ~Q(**{f"{prefix}__in": others})
    return q


def is_default_language_code(code):
    """Whether a saved Locale's `code` is the host's default locale (the
    rule of :func:`default_locale_q`, in Python)."""
    try:
        return get_supported_content_language_variant(code) == default_language()
    except LookupError:
        return False


def active_language():
    """The content language readers should see now, or None when the site
    has one language (Wagtail i18n off) or the active one is not a content
    language."""
    if not i18n_enabled():
        return None
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return None


def canonical(queryset):
    """`queryset` (of a translatable snippet) without its translations: the
    records relations point at. With Wagtail i18n off every record is
    canonical, so nothing is filtered (and no join is added)."""
    if not i18n_enabled() or not issubclass(queryset.model, TranslatableMixin):
        return queryset
    # `locale IN (subquery)`, not a join: a search backend accepts it (the
    # models index `locale` as a filter field), and it costs no query.
    return queryset.filter(locale__in=Locale.objects.filter(default_locale_q()))


def is_canonical(obj):
    """Whether `obj` is in the default locale (its language is checked by id,
    no query when the locale is already loaded)."""
    if not i18n_enabled() or obj.locale_id is None:
        return True
    return is_default_language_code(obj.locale.language_code)


def canonical_record(obj):
    """The record of the default locale that `obj` translates (`obj` itself
    when it is canonical, or when its canonical record is missing)."""
    if obj is None or is_canonical(obj):
        return obj
    original = (
        type(obj)
        ._default_manager.filter(default_locale_q("locale__language_code"))
        .filter(translation_key=obj.translation_key)
        .first()
    )
    return original if original is not None else obj


ANNOTATION = "recap_translated_{field}"


def _fields(model, fields):
    return tuple(fields or model.translated_fields)


def annotate_translations(queryset, through=None, fields=None, language=None):
    """`queryset` whose rows carry, in the same query, the translated text of
    their record (or of the record at the foreign key `through`, e.g. a
    session's speaker links with ``through="speaker"``) in `language`
    (default: the active one), as subqueries. :func:`show_translations` then
    puts it in place without a query. Unchanged in the default language."""
    language = language or active_language()
    if not language or language == default_language():
        return queryset
    model = queryset.model._meta.get_field(through).related_model if through else queryset.model
    if not getattr(model, "translated_fields", None):
        return queryset  # e.g. a list of pages (resources.views.first_and_total)
    key = f"{through}__translation_key" if through else "translation_key"
    translations = model._default_manager.filter(
        translation_key=OuterRef(key), locale__language_code=language
    )
    return queryset.annotate(
        **{
            ANNOTATION.format(field=name): Subquery(translations.values(name)[:1])
            for name in _fields(model, fields)
        }
    )


def show_translations(objects, through=None, language=None):
    """Put the text in `language` (default: the active one) of each canonical
    record in `objects` (or of each object's `through` record) on it, in
    memory, and return `objects`.

    Rows of :func:`annotate_translations` already carry it; for the others,
    one query per model loads the translations of all of them (keyed by
    translation key and locale), never one per record. A record without a
    translation, or a field left empty in it, keeps the default language's
    text. Records already shown in `language` are skipped."""
    language = language or active_language()
    if not language or language == default_language():
        return objects
    by_model = defaultdict(list)
    for row in objects:
        obj = getattr(row, through) if through and row is not None else row
        fields = getattr(type(obj), "translated_fields", None)
        if obj is None or not fields or getattr(obj, "_recap_shown_in", None) == language:
            continue
        annotated = {
            name: getattr(row, ANNOTATION.format(field=name))
            for name in fields
            if hasattr(row, ANNOTATION.format(field=name))
        }
        if annotated:
            _put(obj, annotated, language)
        else:
            by_model[obj.get_translation_model()].append(obj)
    for model, items in by_model.items():
        fields = tuple(model.translated_fields)
        rows = model._default_manager.filter(
            translation_key__in={obj.translation_key for obj in items},
            locale__language_code=language,
        ).values_list("translation_key", *fields)
        found = {row[0]: dict(zip(fields, row[1:], strict=True)) for row in rows}
        for obj in items:
            _put(obj, found.get(obj.translation_key, {}), language)
    return objects


def _put(obj, values, language):
    obj._recap_shown_in = language
    for name, value in values.items():
        if value:
            setattr(obj, name, value)


@cache
def translatable_links(model):
    """The foreign keys of `model` to translatable snippets (speakers,
    resources): the links that must point at a canonical record."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.related_model is not model
        and getattr(field.related_model, "translated_fields", None)
    ]


def point_links_at_canonical_records(sender, instance, raw=False, **kwargs):
    """pre_save: a link saved to a translation (a session speaker, a write-up's
    resource...) is moved to the translation's canonical record, so that a
    person stays one record whatever an editor picked."""
    if raw or not i18n_enabled():
        return
    for field in translatable_links(sender) if sender is not None else ():
        value = getattr(instance, field.attname)
        if value is None:
            continue
        related = field.related_model._default_manager
        key = (
            related.filter(pk=value)
            .exclude(default_locale_q("locale__language_code"))
            .values_list("translation_key", flat=True)
            .first()
        )
        if key is None:
            continue
        original = (
            related.filter(default_locale_q("locale__language_code"), translation_key=key)
            .values_list("pk", flat=True)
            .first()
        )
        if original is not None:
            setattr(instance, field.attname, original)


def one_per_translation(queryset, language=None):
    """`queryset` (of pages or translatable snippets, from any locales) with
    one row per ``translation_key``: the row in `language` (default: the
    active one) where the queryset holds one, else the default locale's, else
    whichever it holds. A session translated into French is one entry in
    every list, count, filter and feed, in the reader's language.

    A filter, not a query: it adds ``EXISTS`` subqueries over `queryset`'s
    own rows (so a draft or private translation never hides the page it
    translates), and the result still counts, paginates and orders in the
    database. With Wagtail i18n off nothing is filtered. `queryset` must not
    be sliced."""
    if not i18n_enabled():
        return queryset
    language = language or active_language() or default_language()
    rows = queryset.order_by()
    in_language = Q(locale__language_code__iexact=language)
    in_default = default_locale_q("locale__language_code")
    same_key = rows.filter(translation_key=OuterRef("translation_key"))
    has_language = Exists(same_key.filter(in_language))
    has_default = Exists(same_key.filter(in_default))
    return queryset.filter(in_language | (~has_language & (in_default | ~has_default)))


def in_other_language(obj, language=None):
    """The language code of `obj` (a page or translatable snippet) when it is
    not `language` (default: the active one), else "": a page listed on
    French pages in English, for lack of a French translation, is marked
    ``lang="en-gb"`` and "(in English)". No query: the Locale comes from
    `obj` when loaded, else from recap.core.locales' table."""
    if not i18n_enabled() or getattr(obj, "locale_id", None) is None:
        return ""
    language = language or active_language()
    if not language:
        return ""

    field = type(obj)._meta.get_field("locale")
    saved = obj.locale.language_code if field.is_cached(obj) else language_code_of(obj.locale_id)
    try:
        code = get_supported_content_language_variant(saved or obj.locale.language_code)
    except LookupError:
        return ""
    return "" if code == language else code


def in_active_language(page):
    """`page`'s live, public translation in the active language, or `page`
    itself when it has none (or is in it already): where a link built for
    one language lands a reader of another (a short URL under /fr/). One
    query, none in the page's own language."""
    language = active_language()
    if page is None or not language or not getattr(page, "translation_key", None):
        return page
    if page.locale_id is not None and is_same_language(page.locale.language_code, language):
        return page
    translation = (
        type(page)
        .objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale__language_code__iexact=language)
        .first()
    )
    return translation or page


def is_same_language(code, language):
    try:
        return get_supported_content_language_variant(code) == language
    except LookupError:
        return False


def under_any_translation(queryset, page):
    """`queryset` (of pages) narrowed to descendants of `page` or of any of
    its translations: an index page in French lists the events under the
    English index too, which :func:`one_per_translation` then reduces to
    one per event in the reader's language. The translations' paths are
    read once per content version."""
    if not i18n_enabled() or not getattr(page, "translation_key", None):
        return queryset.descendant_of(page)

    paths = cached(
        f"translation-paths:{page.translation_key}",
        lambda: list(
            Page.objects.filter(translation_key=page.translation_key).values_list("path", flat=True)
        ),
    ) or [page.path]
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return queryset.filter(under, depth__gt=page.depth)


def shared_across_translations(model, field):
    """An expression for `field` as the default locale's page (or record) of
    the same ``translation_key`` has it, else the row's own: what must be
    one value across translations, such as a session's calendar UID (a
    calendar that has the English session must not get the French copy as
    a second event). No query of its own."""
    if not i18n_enabled():
        return F(field)
    source = model._default_manager.filter(
        default_locale_q("locale__language_code"), translation_key=OuterRef("translation_key")
    ).values(field)[:1]
    return Coalesce(Subquery(source), F(field))


def in_reader_locale_first(queryset):
    """`queryset` (of pages) ordered so that its page in the active language
    comes first, then the default locale's: ``.first()`` is the index page a
    reader's links should go through (the French speaker directory for a
    French reader, whose speaker pages are then French, canonical included)."""
    language = active_language()
    if not i18n_enabled() or not language:
        return queryset
    return queryset.annotate(
        recap_locale_rank=Case(
            When(locale__language_code__iexact=language, then=Value(0)),
            When(default_locale_q("locale__language_code"), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("recap_locale_rank", "path")
