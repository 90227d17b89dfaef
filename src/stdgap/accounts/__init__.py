"""Accounts of the web application: users and their roles, sessions, server secrets, and the
reading of the audit log (which every write of either door fills, see :mod:`stdgap.store.unit`).
"""
