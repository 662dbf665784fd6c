"""Create an admin account with a random password on a database that has none."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "If no superuser exists, create 'admin' with a random password and print it once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists already. Forgot its password? "
                f"`python manage.py changepassword {username}`"
            )
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the admin account '{username}' with the password {password}\n"
                "It is shown only this once: note it, or change it with "
                f"`python manage.py changepassword {username}`."
            )
        )
