"""Merging two records of the same person into one, without losing a link.

Everything that points at a speaker is found through Django's reverse
relations (session appearances, write-ups written and featuring them,
resources, old slugs...), so this module imports no other Recap app and
keeps working when an app adds a new kind of link. Stored revisions of the
pages and snippets that pointed at the merged record are rewritten too, so
publishing an older draft later cannot bring back a link to a record that no
longer exists. The old slug becomes an alias that redirects to the person's
page.
"""

import json
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.fields import StreamField
from wagtail.models import Page, Revision

from recap.core.translations import is_canonical

from .models import Speaker, SpeakerAlias

# Profile fields copied from the merged record when the kept one has none.
PROFILE_FIELDS = (
    "job_title",
    "organisation",
    "bio",
    "photo",
    "website",
    "x_handle",
    "mastodon_url",
    "bluesky_handle",
    "linkedin_url",
    "user",
)
TRANSLATION_NOT_MERGED = gettext_lazy("Merge the person's own record, not a translation of it.")
# Revision content keys that hold a speaker id (or a list of them).
SPEAKER_KEYS = {"speaker", "author", "speakers"}


class MergeRefused(ValueError):
    """The two records cannot be merged (e.g. they are the same record)."""


@dataclass
class MergeResult:
    """What a merge moved, by link kind (verbose name of the linking model)."""

    moved: dict = field(default_factory=dict)
    duplicates_dropped: int = 0
    revisions_rewritten: int = 0

    @property
    def total(self):
        return sum(self.moved.values())


def _link_kinds(speaker):
    """Every reverse relation to `speaker` as (the options naming the kind of
    link, related model, field name, queryset of linking rows); many-to-many
    links use the through model."""
    links = []
    for relation in Speaker._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            fk = next(
                f.name
                for f in through._meta.get_fields()
                if isinstance(f, models.ForeignKey) and f.related_model is Speaker
            )
            named = relation.related_model._meta
            links.append((named, through, fk, through._default_manager.filter(**{fk: speaker})))
        elif relation.one_to_many or relation.one_to_one:
            model = relation.related_model
            name = relation.field.name
            links.append(
                (model._meta, model, name, model._default_manager.filter(**{name: speaker}))
            )
    return links


def speaker_links(speaker):
    """Every reverse relation to `speaker` as (label, related model, field
    name, queryset of linking rows); many-to-many links use the through model."""
    return [
        (str(named.verbose_name_plural), model, name, queryset)
        for named, model, name, queryset in _link_kinds(speaker)
    ]


def preview_merge(source, target):
    """How many links of each kind merging `source` into `target` would move."""
    check(source, target)
    counts = {}
    for label, model, _name, queryset in speaker_links(source):
        if model is SpeakerAlias:
            continue
        count = queryset.count()
        if count:
            counts[label] = counts.get(label, 0) + count
    return counts


def preview_merge_lines(source, target):
    """What merging `source` into `target` would move, as lines a person
    reads ("2 session speakers", "1 write-up"), in the active language."""
    check(source, target)
    counts, names = {}, {}
    for named, model, _name, queryset in _link_kinds(source):
        if model is SpeakerAlias:
            continue
        count = queryset.count()
        if count:
            key = str(named.verbose_name_plural)
            counts[key] = counts.get(key, 0) + count
            names[key] = named
    return [
        f"{count} {names[key].verbose_name if count == 1 else names[key].verbose_name_plural}"
        for key, count in counts.items()
    ]


def check(source, target):
    if source.pk is None or target.pk is None:
        raise MergeRefused(_("Both speakers must be saved records."))
    if source.pk == target.pk or source.translation_key == target.translation_key:
        raise MergeRefused(_("Choose a different speaker to merge into."))
    if not (is_canonical(source) and is_canonical(target)):
        # Links point at the person's record; a translation is only its text.
        raise MergeRefused(str(TRANSLATION_NOT_MERGED))


def _merge_translations(source, target):
    """The merged record's translations join the kept record's: a language
    the kept record lacks takes the merged one's translation; in a language
    both have, the kept translation's empty fields are filled from the other,
    which is deleted. Returns how many translations were kept or merged."""
    kept = {t.locale_id: t for t in Speaker.objects.filter(translation_key=target.translation_key)}
    count = 0
    for translation in Speaker.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    ):
        ours = kept.get(translation.locale_id)
        if ours is None:
            translation.translation_key = target.translation_key
            translation.slug = target.slug
            translation.user = None
            translation.save()
        else:
            changed = False
            for name in Speaker.translated_fields:
                if not getattr(ours, name) and getattr(translation, name):
                    setattr(ours, name, getattr(translation, name))
                    changed = True
            translation.delete()
            if changed:
                ours.save()
        count += 1
    return count


def _unique_partners(model, field_name):
    """For each unique constraint on `model` that includes `field_name`, the
    other fields: a row that would duplicate the kept speaker's is dropped."""
    groups = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            groups.append([name for name in constraint.fields if name != field_name])
    for together in model._meta.unique_together:
        if field_name in together:
            groups.append([name for name in together if name != field_name])
    return groups


def _owners(model, rows):
    """(content object model, ids) whose stored revisions may name the speaker:
    the parent of a ParentalKey child row, the other side of a many-to-many
    link (e.g. a resource), or the row itself (e.g. a write-up's author)."""
    parental = [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]
    if not parental and model._meta.auto_created:
        parental = [
            f
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey) and f.related_model is not Speaker
        ]
    if parental:
        key = parental[0]
        return key.related_model, {getattr(row, key.attname) for row in rows}
    return model, {row.pk for row in rows}


def _swap(value, old, new):
    """`value` (revision content) with speaker id `old` replaced by `new`."""
    if isinstance(value, dict):
        swapped = {}
        for key, item in value.items():
            if key in SPEAKER_KEYS and item == old:
                swapped[key] = new
            elif key in SPEAKER_KEYS and isinstance(item, list):
                swapped[key] = list(dict.fromkeys(new if i == old else i for i in item))
            else:
                swapped[key] = _swap(item, old, new)
        return swapped
    if isinstance(value, list):
        return [_swap(item, old, new) for item in value]
    if isinstance(value, str) and value[:1] == "[" and f"{old}" in value:
        # A StreamField serialised inside the revision content.
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return json.dumps(_swap(parsed, old, new))
    return value


def _rewrite_revisions(owners, old, new):
    rewritten = 0
    for model, ids in owners.items():
        if not ids:
            continue
        base = model._meta.get_parent_list()[-1] if model._meta.get_parent_list() else model
        revisions = Revision.objects.filter(
            base_content_type__app_label=base._meta.app_label,
            base_content_type__model=base._meta.model_name,
            object_id__in=[str(pk) for pk in ids],
        )
        for revision in revisions:
            content = _swap(revision.content, old, new)
            if content != revision.content:
                Revision.objects.filter(pk=revision.pk).update(content=content)
                rewritten += 1
    return rewritten


def _rewrite_stream_fields(page_ids, old, new):
    """Quote blocks and other StreamField values naming the old speaker, on
    the live pages that linked to them."""
    for page in Page.objects.filter(pk__in=page_ids).specific():
        model = type(page)
        changes = {}
        for model_field in model._meta.get_fields():
            if isinstance(model_field, StreamField):
                raw = list(getattr(page, model_field.name).raw_data)
                swapped = _swap(raw, old, new)
                if swapped != raw:
                    changes[model_field.name] = swapped
        if changes:
            model.objects.filter(pk=page.pk).update(**changes)


@transaction.atomic
def merge_speakers(source, target):
    """Move every link from `source` to `target`, keep `source`'s slugs as
    aliases of `target`, fill `target`'s empty profile fields from `source`,
    then delete `source`. Returns a MergeResult."""
    check(source, target)
    result = MergeResult()
    owners = {}
    old, new = source.pk, target.pk
    for label, model, name, queryset in speaker_links(source):
        rows = list(queryset)
        if not rows:
            continue
        if model is not SpeakerAlias:
            owner_model, ids = _owners(model, rows)
            owners.setdefault(owner_model, set()).update(ids)
        for partners in _unique_partners(model, name):
            taken = model._default_manager.filter(**{name: target}).values_list(*partners)
            clash = Q()
            for values in taken:
                clash |= Q(**dict(zip(partners, values, strict=True)))
            if clash:
                dropped, _details = queryset.filter(clash).delete()
                result.duplicates_dropped += dropped
        moved = queryset.update(**{name: target})
        if model is not SpeakerAlias and moved:
            result.moved[label] = result.moved.get(label, 0) + moved

    page_ids = set()
    for model, ids in owners.items():
        if issubclass(model, Page):
            page_ids |= ids
    _rewrite_stream_fields(page_ids, old, new)
    result.revisions_rewritten = _rewrite_revisions(owners, old, new)

    for name in PROFILE_FIELDS:
        attname = Speaker._meta.get_field(name).attname
        if not getattr(target, attname) and getattr(source, attname):
            setattr(target, attname, getattr(source, attname))
    _merge_translations(source, target)
    source_slug = source.slug
    # Deleting first frees the source's one-to-one user for the kept record.
    source.delete()
    target.save()
    SpeakerAlias.objects.update_or_create(slug=source_slug, defaults={"speaker": target})
    return result
