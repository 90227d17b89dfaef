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
#: To the address a nominator gave: the name they gave is quoted, not taken as ours.
NOMINATED = (
    "awards.nominated",
    N_("You are nominated for %(award)s"),
    N_(
        "Hello,\n\nthe user %(nominator)s nominated “%(name)s” for %(award)s (%(nomination)s) "
        "and gave this address as the nominee's. The jury scores the nominations after the "
        "deadline, %(deadline)s; you will hear when the results are published.\n"
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
RESULTS = (
    "awards.results_published",
    N_("Results published: %(award)s"),
    N_(
        "Dear %(name)s,\n\nthe results of %(award)s are published (/awards/%(call)s/results):"
        "\n\n%(standings)s\n"
    ),
)
#: A line of the results e-mail for each of the recipient's nominees (the name quoted: it is
#: the one the nominator gave).
STANDING_RANKED = N_("“%(nominee)s” is ranked %(rank)s of %(count)s.")
STANDING_NOT_RANKED = N_("“%(nominee)s” is not ranked.")
