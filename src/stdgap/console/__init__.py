"""The command-line toolkit every capability's commands use: the ``--db`` option and opening
the store, who is acting (``cli:<user>``), printing, failing with a clear message, progress bars.
It knows no capability; :mod:`stdgap.cli` assembles the commands from the list of capabilities."""
