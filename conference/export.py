"""The fact base written as fixtures/conference.yaml: stable, sorted, natural keys only.

Loading this file and exporting again changes no byte, so that edits made in the admin
show up as a readable diff.
"""

import io

import yaml
from django.db import models as db_models
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator

from conference import models

HEADER = (
    "# The fact base about the All-Russian Conference of Soviets (April 11-16, 1917).\n"
    "# Written by `python manage.py export_facts`; edit in the admin or here, then load with\n"
    "# `python manage.py loaddata fixtures/conference.yaml`.\n"
)

# Parents before children, so that loaddata resolves every natural key in one pass.
MODELS = (
    models.Source,
    models.Paragraph,
    models.Party,
    models.Person,
    models.Body,
    models.BodyFact,
    models.Role,
    models.Membership,
    models.Event,
    models.Count,
    models.Vote,
    models.Tally,
    models.Resolution,
    models.Position,
    models.Connection,
    models.Misconception,
)
LANGUAGES = ("en", "it")


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper, value):
    # Natural keys and citations read best on one line: [en-article, 2].
    flow = all(not isinstance(item, dict) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def _translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def _field_names(model) -> list[str]:
    translated = _translated_fields(model)
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or isinstance(field, TranslationField):
            continue
        if field.name in translated:
            names.extend(f"{field.name}_{lang}" for lang in LANGUAGES)
        else:
            names.append(field.name)
    names.extend(field.name for field in model._meta.many_to_many)
    # The citation, prominence and maintainer's note close each record, after its content.
    trailing = [name for name in ("cited_in", "prominence", "note") if name in names]
    return [name for name in names if name not in trailing] + trailing


def _value(instance, name: str):
    field = instance._meta.get_field(name)
    if isinstance(field, db_models.ManyToManyField):
        return sorted(list(other.natural_key()) for other in getattr(instance, name).all())
    if isinstance(field, db_models.ForeignKey):
        related = getattr(instance, name)
        return list(related.natural_key()) if related is not None else None
    value = getattr(instance, field.attname)
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def _rows(model) -> list[dict]:
    names = _field_names(model)
    queryset = model._default_manager.all()
    m2m = [field.name for field in model._meta.many_to_many]
    if m2m:
        queryset = queryset.prefetch_related(*(f"{name}__source" for name in m2m))
    instances = sorted(queryset, key=lambda obj: obj.natural_key())
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    return [
        {"model": label, "fields": {name: _value(obj, name) for name in names}} for obj in instances
    ]


def facts_yaml() -> str:
    rows = [row for model in MODELS for row in _rows(model)]
    out = io.StringIO()
    out.write(HEADER)
    yaml.dump(rows, out, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return out.getvalue()
