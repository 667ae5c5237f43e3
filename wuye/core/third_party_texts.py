"""Texts that packages we use show on our pages without a Simplified Chinese translation of
their own (Django 6.1's new blank choice label, for one). Listed here so that `make messages`
puts them in our catalog, which Django consults before the packages' own."""

from django.utils.translation import gettext_noop

TEXTS = [
    gettext_noop("- Select an option -"),
]
