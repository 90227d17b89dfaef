"""Languages of the pages: the supported locales and how a request's is chosen
(:mod:`~stdgap.i18n.locales`, :mod:`~stdgap.i18n.negotiate`), the translation catalogues
(:mod:`~stdgap.i18n.catalogues`), ``gettext`` and its lazy variants for the locale of the
current request (:mod:`~stdgap.i18n.translate`), and the one way numbers, percentages and dates
are written (:mod:`~stdgap.i18n.formatting`), for the pages and the reports alike.

English is the source language: every message is written in English in the code and the
templates, and ``locale/messages.pot`` (made by ``scripts/messages``) lists them for translators.
This package knows no other part of stdgap.
"""
