"""The e-mails the awards queue (subjects and bodies marked for translation; each is written in
the recipient's language when queued, see :mod:`stdgap.notifications.outbox`)."""

from __future__ import annotations

from stdgap.i18n.translate import N_

NOMINATION_RECEIVED = (
    "awards.nomination_received",
    N_("Your nomination for %(award)s was received"),
    N_(
        "Dear %(name)s,\n\nyour nomination of %(nominee)s for %(award)s was received "
        "(%(nomination)s). The jury scores the nominations after the deadline, %(deadline)s; "
        "you will hear when the results are published.\n"
    ),
)
NOMINATED = (
    "awards.nominated",
    N_("You are nominated for %(award)s"),
    N_(
        "Dear %(name)s,\n\n%(nominator)s nominated you for %(award)s (%(nomination)s). The "
        "jury scores the nominations after the deadline, %(deadline)s; you will hear when the "
        "results are published.\n"
    ),
)
SCORING_OPEN = (
    "awards.scoring_open",
    N_("Scoring is open: %(award)s"),
    N_(
        "Dear %(name)s,\n\nas a juror of %(award)s, you may now score its %(count)s "
        "nomination(s) on the jury's page (/awards/%(call)s/jury). Declare any conflict of "
        "interest there before scoring: you cannot score a nominee you are in conflict with.\n"
    ),
)
RESULTS_RANKED = (
    "awards.results_published",
    N_("Results published: %(award)s"),
    N_(
        "Dear %(name)s,\n\nthe results of %(award)s are published (/awards/%(call)s/results): "
        "%(nominee)s is ranked %(rank)s of %(count)s.\n"
    ),
)
RESULTS_NOT_RANKED = (
    "awards.results_published",
    N_("Results published: %(award)s"),
    N_(
        "Dear %(name)s,\n\nthe results of %(award)s are published (/awards/%(call)s/results): "
        "%(nominee)s is not ranked.\n"
    ),
)
