"""Who may do what with the fund. Officers record (donors, pledges, receipts, reservations,
spending, and ask for reversals); approving a spending above the threshold and every reversal
needs ``fund.approve``, held by admins only (there is no approver role), and never by the person
who recorded it (four eyes). Balances and statements are read by officers, analysts and admins;
the public sees totals by programme."""

from __future__ import annotations

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "fund.record",
        "Record the fund's donors, pledges, receipts, reservations and spending; ask for "
        "reversals.",
        ("officer",),
    ),
    Permission(
        "fund.approve",
        "Approve a spending above the threshold or a reversal recorded by someone else.",
        (),
    ),
    Permission(
        "fund.read",
        "Read the fund's ledger, balances by earmark, donors and statements.",
        ("officer", "analyst"),
    ),
)
