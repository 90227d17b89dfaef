"""The indicator engine: the participation metrics of Res. 74 and Res. 44, fast and exact.

An :class:`~stdgap.indicators.request.IndicatorRequest` (parsed from what users type, or made
from Python values) is the one question the CLI, the web and the reports ask;
:func:`~stdgap.indicators.compute.compute` answers it with cells, :mod:`.answers` keeps answers
per store state for the web, and :func:`~stdgap.indicators.formats.render` writes cells in every
output format. :data:`~stdgap.indicators.catalogue.CATALOGUE` holds every indicator's meaning;
:mod:`.sources` the fact sources the indicators are computed from.

This package's ``__init__`` imports nothing, so that reading the catalogue stays cheap.
"""
