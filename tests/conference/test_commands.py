"""The set-up commands that `make run` calls."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from conference import models

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_load_facts_fills_an_empty_fact_base(empty_fact_base):
    assert "Loaded the facts" in run("load_facts")
    assert models.Person.objects.count() == 16


def test_load_facts_keeps_an_admins_edits(facts):
    models.Count.objects.filter(key="soviets").update(value=140)
    assert "kept as they are" in run("load_facts")
    assert models.Count.objects.get(key="soviets").value == 140


def test_load_facts_force_reloads_the_fixtures(facts):
    models.Count.objects.filter(key="soviets").update(value=140)
    run("load_facts", force=True)
    assert models.Count.objects.get(key="soviets").value == 139


def test_ensure_admin_prints_a_random_password_once():
    first = run("ensure_admin")
    password = first.split("the password ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert len(password) >= 12
    second = run("ensure_admin")
    assert password not in second and "exists already" in second


def test_two_installations_get_different_admin_passwords():
    first = run("ensure_admin").split("the password ")[1].split()[0]
    get_user_model().objects.all().delete()
    second = run("ensure_admin").split("the password ")[1].split()[0]
    assert first != second
