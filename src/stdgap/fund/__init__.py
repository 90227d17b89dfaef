"""The BSG fund (C14; Res. 44 programme 4): donors, pledges and receipts in any currency, earmarks,
reservations and spending in an append-only double-entry ledger, the principles of spending, the
donor report and the annual statement."""
