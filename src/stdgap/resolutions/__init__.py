"""Resolution tracker (C6): parse resolution texts, follow every operative clause.

``parse_text``/``parse_file`` give a :class:`Resolution` or a :class:`Collection`;
:mod:`.akn` prints Akoma Ntoso; :mod:`.tracking` and :mod:`.queries` keep versions, clauses and
actions in the store; :mod:`.report` writes the implementation report.
"""

from stdgap.resolutions.parsed import Collection, Resolution
from stdgap.resolutions.parser import parse_file, parse_text

__all__ = ["Collection", "Resolution", "parse_file", "parse_text"]
